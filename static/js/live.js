// Live round screens: the element #live-poll asks the server every two seconds (htmx) with
// the ETag of what the page shows in If-None-Match. Nothing changed: 304 and no body, which
// htmx leaves alone. Something changed: the changed parts come back with ids and hx-swap-oob,
// the new ETag is kept for the next request, and what others did is read out politely (the
// server's "vkr:announce" event, into the page's live region).
(function () {
  "use strict";
  var poll = document.getElementById("live-poll");
  if (!poll) { return; }
  document.body.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt === poll && poll.dataset.etag) {
      event.detail.headers["If-None-Match"] = poll.dataset.etag;
    }
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt !== poll || !event.detail.xhr) { return; }
    var tag = event.detail.xhr.getResponseHeader("ETag");
    if (tag && event.detail.xhr.status < 400) { poll.dataset.etag = tag; }
  });
  // On the plan's page: the rows of decided activities are fetched again (the row's own URL
  // answers htmx with the row); a move changes the sections, so the page is read again.
  document.body.addEventListener("vkr:plan-rows", function (event) {
    if (event.detail.reload) { window.location.reload(); return; }
    (event.detail.ids || []).forEach(function (id) {
      var row = document.getElementById("activity-" + id);
      var link = document.getElementById("title-" + id);
      if (row && link) {
        window.htmx.ajax("GET", link.getAttribute("href") + "?live=1", { target: row, swap: "outerHTML" });
      }
    });
  });
})();
