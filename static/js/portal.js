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
// as the row of an in-place form that is cancelled before anything was saved (and focus goes
// to data-focus-after, if given).
document.addEventListener("click", function (event) {
  var trigger = event.target.closest("[data-remove-closest]");
  if (trigger) {
    var doomed = trigger.closest(trigger.getAttribute("data-remove-closest"));
    if (doomed) { doomed.remove(); }
    // data-focus-after="#id": where the keyboard focus goes once the element is gone.
    var next = trigger.getAttribute("data-focus-after");
    if (next && document.querySelector(next)) { document.querySelector(next).focus(); }
  }
});

// A table wider than the screen scrolls sideways inside its .table-responsive box. Keyboard
// users must be able to reach that box (focus it, then scroll with the arrow keys) and screen
// readers need its name, so a box that scrolls becomes a named, focusable region; one that
// fits (a wide screen) stays a plain box, with no needless tab stop.
function markScrollableTables() {
  document.querySelectorAll(".table-responsive").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      if (!box.hasAttribute("aria-label")) {
        var caption = box.querySelector("caption");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
        box.setAttribute("data-vkr-named", "");
      }
    } else if (box.getAttribute("role") === "region") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      if (box.hasAttribute("data-vkr-named")) {
        box.removeAttribute("aria-label");
        box.removeAttribute("data-vkr-named");
      }
    }
  });
}
markScrollableTables();
window.addEventListener("resize", markScrollableTables);
document.body.addEventListener("htmx:afterSettle", markScrollableTables);
