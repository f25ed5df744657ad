// The activity plan page (templates/activities/plan_detail.html). Bootstrap's dropdowns do the
// menus (priority, status, the row's actions); portal.js reads out "vkr:announce" and puts the
// focus back after each in-place change.

// Each row of an editor's table has one button per menu: the menus themselves are once in the
// page, in <template id="row-menus"> (templates/activities/_row_menus.html), and are copied
// into every row here, around its buttons, when the page loads and when htmx brings a row or
// a table anew. The copy gets the row's URL (its title link's, plus the suffix in
// data-suffix), its version, order, focus area (its table's) and title; the buttons then open
// their menus as Bootstrap dropdowns.
(function () {
  var menus = document.getElementById("row-menus");
  if (!menus) { return; }

  function part(name) {
    return menus.content.querySelector('[data-menu="' + name + '"]').cloneNode(true);
  }

  // The row's title, URL and values the copied menus need.
  function rowFacts(row) {
    var link = row.querySelector('th[scope="row"] > a');
    return {
      title: link.textContent,
      url: link.getAttribute("href"),
      version: row.getAttribute("data-version"),
      order: row.getAttribute("data-order"),
      area: row.closest("tbody").id.replace("section-", ""),
      // The row's own notes link ("Anteckningar (2)") and raised badge, when it has them.
      notes: row.querySelector(".row-flags > a"),
      raised: !!row.querySelector(".row-flags > .raised"),
    };
  }

  // The elements of `menu` (itself included) that match `selector`.
  function within(menu, selector) {
    var found = Array.prototype.slice.call(menu.querySelectorAll(selector));
    return menu.matches(selector) ? [menu].concat(found) : found;
  }

  var token = menus.content.querySelector('[data-menu="csrf"] input');

  function fillIn(menu, facts) {
    within(menu, 'form[method="post"]').forEach(function (form) {
      form.insertBefore(token.cloneNode(true), form.firstChild);
    });
    within(menu, "[data-suffix]").forEach(function (element) {
      var url = facts.url + element.getAttribute("data-suffix");
      if (element.tagName === "FORM") {
        element.setAttribute("action", url);
        element.setAttribute("hx-post", url);
      } else {
        element.setAttribute("href", url);
        if (element.hasAttribute("hx-target")) { element.setAttribute("hx-get", url); }
      }
    });
    menu.querySelectorAll('input[name="version"]').forEach(function (input) { input.value = facts.version; });
    menu.querySelectorAll('input[name="order"]').forEach(function (input) { input.value = facts.order; });
    menu.querySelectorAll("[data-target-section]").forEach(function (form) {
      form.setAttribute("hx-target", "#section-" + facts.area);
    });
    menu.querySelectorAll("[data-title]").forEach(function (span) { span.textContent = " " + facts.title; });
    // The focus area the activity is in is not one to move it to.
    var here = menu.querySelector('button[name="focus_area"][value="' + facts.area + '"]');
    if (here) { here.remove(); }
    var notes = menu.querySelector("[data-notes]");
    if (notes && facts.notes) { notes.textContent = facts.notes.textContent; }
    var national = menu.querySelector("[data-raised-text]");
    if (national && facts.raised) { national.textContent = national.getAttribute("data-raised-text"); }
    var deleting = menu.querySelector("[data-confirm]");
    if (deleting) {
      deleting.setAttribute("hx-confirm", deleting.getAttribute("data-confirm") + " ”" + facts.title + "”?");
    }
  }

  // The button opens its menu: a disclosure now that there is one to open.
  function makeToggle(button) {
    button.setAttribute("type", "button");  // inside a form it would otherwise send it
    button.setAttribute("data-bs-toggle", "dropdown");
    button.setAttribute("data-bs-popper-config", '{"strategy":"fixed"}');
    button.setAttribute("aria-expanded", "false");
  }

  // Priority or status: the button goes into its form, before the list of values; the value
  // it shows (its class, e.g. priority-green) is marked as the current one in the list.
  function choiceMenu(row, facts, field) {
    var button = row.querySelector('[data-focus-key="' + field + '"]');
    if (!button) { return; }
    var form = part(field);
    fillIn(form, facts);
    form.setAttribute("aria-label", form.getAttribute("data-label") + " " + facts.title);
    var current = (button.className.match(new RegExp("\\b" + field + "-(\\w+)")) || [])[1];
    form.querySelectorAll('button[name="value"]').forEach(function (choice) {
      choice.setAttribute("aria-pressed", choice.value === current ? "true" : "false");
    });
    makeToggle(button);
    button.before(form);
    form.insertBefore(button, form.querySelector("ul"));
  }

  function fillRow(row) {
    var actions = row.querySelector('[data-focus-key="actions"]');
    if (!actions || actions.hasAttribute("data-bs-toggle")) { return false; }  // done already
    var facts = rowFacts(row);
    choiceMenu(row, facts, "priority");
    choiceMenu(row, facts, "progress");
    var menu = part("actions");
    fillIn(menu, facts);
    makeToggle(actions);
    actions.before(menu);
    menu.insertBefore(actions, menu.firstChild);
    return true;
  }

  function fillRows(root) {
    var rows = root.matches && root.matches("tr.activity-row") ? [root] : root.querySelectorAll("tr.activity-row");
    var filled = [];
    rows.forEach(function (row) { if (fillRow(row)) { filled.push(row); } });
    return filled;
  }

  // Now, before htmx first looks at the page, so it finds the copied forms itself.
  fillRows(document);
  // A row or table htmx swapped in was processed before this runs: its menus are processed here.
  document.body.addEventListener("htmx:load", function (event) {
    fillRows(event.target).forEach(function (row) { window.htmx.process(row); });
  });
})();

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
