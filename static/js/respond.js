// The answer form: "11 av 23 besvarade" follows the answers as they are given.
//
// The server renders the count of saved answers; here only the questions on screen are
// counted again, on "change" (a choice made, a text field left), never on every keystroke,
// so the polite live region speaks only when the number moves.
(function () {
  "use strict";
  var form = document.querySelector("[data-respond-form]");
  var progress = document.getElementById("respond-progress");
  if (!form || !progress) { return; }
  var elsewhere = parseInt(progress.getAttribute("data-answered-elsewhere"), 10) || 0;
  var total = parseInt(progress.getAttribute("data-total"), 10) || 0;
  var bar = document.querySelector(".respond-progress-bar");
  var stepCount = document.querySelector("[data-respond-step-count]");

  function isAnswered(question) {
    var fields = question.querySelectorAll("input, textarea, select");
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (field.type === "radio" || field.type === "checkbox") {
        if (field.checked) { return true; }
      } else if (field.type !== "hidden" && field.value.trim() !== "") {
        return true;
      }
    }
    return false;
  }

  function text(template, answered, of) {
    return template.replace("{answered}", answered).replace("{total}", of);
  }

  function update() {
    var questions = form.querySelectorAll("[data-question]");
    var here = 0;
    questions.forEach(function (question) { if (isAnswered(question)) { here += 1; } });
    var wanted = text(progress.getAttribute("data-template"), elsewhere + here, total);
    // Only a changed text is written: an unchanged one would be read out again.
    if (progress.textContent !== wanted) { progress.textContent = wanted; }
    if (bar) { bar.value = elsewhere + here; }
    if (stepCount) {
      var own = text(stepCount.getAttribute("data-template"), here,
        stepCount.getAttribute("data-total"));
      if (stepCount.textContent !== own) { stepCount.textContent = own; }
    }
  }

  form.addEventListener("change", update);
})();
