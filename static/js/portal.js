// The portal's behaviour, in this file only: the Content-Security-Policy allows no inline
// script or event handler attribute, so templates mark elements with data attributes instead.

// After an in-place change (htmx), tell screen readers what happened and put the keyboard
// focus back where the person was working: the server names both in an "vkr:announce" event.
document.body.addEventListener("vkr:announce", function (event) {
  var live = document.getElementById("live-region");
  if (live) {
    live.textContent = "";
    window.setTimeout(function () { live.textContent = event.detail.message || ""; }, 50);
  }
  if (event.detail.focus) {
    var target = document.querySelector(event.detail.focus);
    if (target) { target.focus(); }
  }
});

// data-remove-closest="tr": a click removes the nearest enclosing element that matches, such
// as the row of an in-place form that is cancelled before anything was saved.
document.addEventListener("click", function (event) {
  var trigger = event.target.closest("[data-remove-closest]");
  if (trigger) {
    var doomed = trigger.closest(trigger.getAttribute("data-remove-closest"));
    if (doomed) { doomed.remove(); }
  }
});
