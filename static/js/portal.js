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
