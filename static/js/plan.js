// The activity plan page (templates/activities/plan_detail.html). Bootstrap's dropdowns do the
// menus (priority, status, the row's actions); portal.js reads out "vkr:announce" and puts the
// focus back after each in-place change.

// Printing closes any menu that is open, so the printed plan shows values, not lists.
window.addEventListener("beforeprint", function () {
  if (!window.bootstrap) { return; }
  document.querySelectorAll('.plan-table [data-bs-toggle="dropdown"][aria-expanded="true"]')
    .forEach(function (toggle) { window.bootstrap.Dropdown.getOrCreateInstance(toggle).hide(); });
});

// A choice made in a menu closes it before the row is replaced, so no menu is left open over
// the new row while the change is saved.
document.body.addEventListener("htmx:beforeRequest", function (event) {
  var menu = event.target.closest && event.target.closest(".plan-table .dropdown");
  if (!menu || !window.bootstrap) { return; }
  var toggle = menu.querySelector('[data-bs-toggle="dropdown"]');
  if (toggle) { window.bootstrap.Dropdown.getOrCreateInstance(toggle).hide(); }
});
