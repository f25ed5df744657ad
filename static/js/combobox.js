// The organisation picker. The server renders a plain <select> of every organisation (what a
// person without JavaScript uses) inside templates/includes/_combobox.html; this script shows
// a text box instead, following the WAI-ARIA APG "combobox with listbox popup" (list
// autocomplete, manual selection): typing asks the search of the closest data-combobox-url
// for at most 20 matches, the arrow keys move through them, Enter or a click picks one,
// Escape closes the list (and, when it is closed, empties the field). The number of matches
// is announced in the box's own status region. The chosen id goes into the hidden select,
// which the form submits as before and the server validates.
(function () {
  "use strict";

  var DELAY_MS = 150;

  function enhance(root) {
    var select = root.querySelector("select[data-combobox]");
    var input = root.querySelector("[data-combobox-input]");
    var popup = root.querySelector("[data-combobox-popup]");
    var listbox = root.querySelector("[data-combobox-listbox]");
    var note = root.querySelector("[data-combobox-note]");
    var status = root.querySelector("[data-combobox-status]");
    var source = root.closest("[data-combobox-url]");
    if (!select || !input || !popup || !listbox || !source) { return; }
    if (root.hasAttribute("data-combobox-ready")) { return; }
    root.setAttribute("data-combobox-ready", "");
    var url = source.getAttribute("data-combobox-url");
    var active = -1;
    var timer = null;
    var controller = null;

    // The label (for=), the description and the error now belong to the text box.
    var id = select.id;
    select.id = id + "_select";
    input.id = id;
    var described = (select.getAttribute("aria-describedby") || "").split(/\s+/);
    var field = root.parentNode;
    field.querySelectorAll("[id^='error_'][id$='_" + id + "']").forEach(function (error) {
      described.push(error.id);
    });
    described = described.filter(function (each) { return each; });
    if (described.length) { input.setAttribute("aria-describedby", described.join(" ")); }
    if (select.getAttribute("aria-invalid") === "true" || select.classList.contains("is-invalid")) {
      input.setAttribute("aria-invalid", "true");
      input.classList.add("is-invalid");
    }
    if (select.required) { input.setAttribute("aria-required", "true"); }
    input.disabled = select.disabled;
    select.hidden = true;
    select.tabIndex = -1;
    select.setAttribute("aria-hidden", "true");
    input.hidden = false;
    input.value = chosenLabel();

    function chosenLabel() {
      var option = select.options[select.selectedIndex];
      return option && option.value ? option.text : "";
    }

    function options() { return listbox.querySelectorAll("[role='option']"); }

    function isOpen() { return !popup.hidden; }

    function setActive(index) {
      var all = options();
      active = index >= 0 && index < all.length ? index : -1;
      all.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
        option.classList.toggle("is-active", i === active);
      });
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", all[active].id);
        all[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      setActive(-1);
      popup.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function announce(text) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    function option(result) {
      var item = document.createElement("li");
      item.id = listbox.id + "-" + result.value;
      item.className = "combobox-option";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.setAttribute("data-value", String(result.value));
      item.setAttribute("data-label", result.label);
      if (String(result.value) === select.value) { item.classList.add("is-chosen"); }
      var name = document.createElement("span");
      name.textContent = result.label;
      item.appendChild(name);
      if (result.detail) {
        var detail = document.createElement("span");
        detail.className = "combobox-detail";
        detail.textContent = result.detail;
        item.appendChild(detail);
      }
      return item;
    }

    function show(data) {
      listbox.textContent = "";
      data.results.forEach(function (result) { listbox.appendChild(option(result)); });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      // No match: the popup says so, but there is no listbox to expand.
      listbox.hidden = data.results.length === 0;
      note.textContent = data.message;
      popup.hidden = false;
      input.setAttribute("aria-expanded", data.results.length ? "true" : "false");
      announce(data.message);
    }

    function search(then) {
      window.clearTimeout(timer);
      timer = null;
      if (controller) { controller.abort(); }
      controller = new AbortController();
      var query = url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(input.value.trim());
      fetch(query, { credentials: "same-origin", headers: { Accept: "application/json" },
                     signal: controller.signal })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (data) {
          if (document.activeElement !== input) { return; }
          show(data);
          if (then) { then(); }
        })
        .catch(function (error) {
          if (error.name === "AbortError") { return; }
          show({ results: [], message: root.getAttribute("data-combobox-error") || "" });
        });
    }

    function choose(item) {
      var value = item.getAttribute("data-value");
      var label = item.getAttribute("data-label");
      if (!select.querySelector("option[value='" + CSS.escape(value) + "']")) {
        select.appendChild(new Option(label, value));
      }
      select.value = value;
      input.value = label;
      close();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function clearChoice() {
      select.value = "";
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    input.addEventListener("input", function () {
      if (!input.value.trim()) { clearChoice(); }
      setActive(-1);
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var down = event.key === "ArrowDown";
        if (!isOpen() || timer !== null) {
          // Open (Alt+Down: open only), on the first or the last match.
          search(event.altKey ? null : function () { setActive(down ? 0 : options().length - 1); });
        } else if (all.length) {
          var next = down ? active + 1 : active - 1;
          setActive(next >= all.length ? 0 : next < 0 ? all.length - 1 : next);
        }
      } else if (event.key === "Enter") {
        if (isOpen()) {
          event.preventDefault();  // a pick, not the form's submission
          if (active >= 0) { choose(all[active]); } else { close(); }
        }
      } else if (event.key === "Escape") {
        if (isOpen()) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          clearChoice();
        }
      } else if (event.key === "Tab") {
        close();
      }
    });

    input.addEventListener("click", function () { if (!isOpen()) { search(); } });

    // Leaving the box: an emptied box has no organisation; otherwise it shows the chosen one
    // again (what was typed without picking is not a choice).
    input.addEventListener("blur", function () {
      window.clearTimeout(timer);
      timer = null;
      if (controller) { controller.abort(); }
      close();
      if (input.value.trim()) { input.value = chosenLabel(); } else { clearChoice(); }
    });

    // A press in the popup keeps the focus in the text box, so its blur does not close it.
    popup.addEventListener("mousedown", function (event) { event.preventDefault(); });
    listbox.addEventListener("click", function (event) {
      var item = event.target.closest("[role='option']");
      if (item) { choose(item); }
    });
  }

  function enhanceAll(scope) {
    (scope || document).querySelectorAll("[data-combobox-root]").forEach(enhance);
  }

  enhanceAll();
  document.body.addEventListener("htmx:afterSettle", function (event) { enhanceAll(event.target); });
})();
