// The question form (surveys/forms/build.py, QuestionForm): only the fields of the chosen
// kind of question show. A field marked data-question-kinds="scale" belongs to those kinds;
// for another kind its box is hidden (out of the tab order and of what screen readers read)
// and the field disabled, so it is not sent. A change of kind says in the live region which
// fields appeared and which went. Without this script every field shows and the server
// ignores the fields of other kinds.
(function () {
  "use strict";

  function boxOf(field) {
    return document.getElementById("div_" + field.id) || field.parentNode;
  }

  function labelOf(box) {
    var label = box.querySelector("label, legend");
    return label ? label.textContent.replace("*", "").trim() : "";
  }

  function announce(message) {
    document.body.dispatchEvent(new CustomEvent("vkr:announce", { detail: { message: message } }));
  }

  function setUp(kind) {
    var form = kind.form || document;
    var fields = Array.prototype.slice.call(form.querySelectorAll("[data-question-kinds]"));
    // A field the server disabled (a survey with answers) stays disabled whatever shows.
    var locked = fields.map(function (field) { return field.disabled; });

    function apply(say) {
      var shown = [];
      var hidden = [];
      fields.forEach(function (field, i) {
        var box = boxOf(field);
        var belongs = field.getAttribute("data-question-kinds").split(" ").indexOf(kind.value) >= 0;
        if (belongs === box.hidden) { (belongs ? shown : hidden).push(labelOf(box)); }
        box.hidden = !belongs;
        field.disabled = locked[i] || !belongs;
      });
      if (!say) { return; }
      var parts = [];
      if (shown.length) {
        parts.push(kind.getAttribute("data-announce-shown").replace("%(fields)s", shown.join(", ")));
      }
      if (hidden.length) {
        parts.push(kind.getAttribute("data-announce-hidden").replace("%(fields)s", hidden.join(", ")));
      }
      if (parts.length) { announce(parts.join(" ")); }
    }

    apply(false);
    kind.addEventListener("change", function () { apply(true); });
  }

  document.querySelectorAll("select[data-question-kind]").forEach(setUp);
})();
