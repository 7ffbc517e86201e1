/* The few page behaviours that once were inline handlers, now declared by data
 * attributes so that the Content-Security-Policy can forbid inline script:
 *   <button data-print>                 prints the page;
 *   <form data-confirm="问题？">         asks before submitting;
 *   <form data-no-submit>               is never submitted (a form only for its inputs);
 *   <input type="checkbox" data-enables="id">  enables element #id while checked.
 * Listeners sit on the document, so content swapped in by htmx works too. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-no-submit")) {
      event.preventDefault();
    } else if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("change", function (event) {
    var box = event.target;
    var id = box.dataset ? box.dataset.enables : null;
    var target = id ? document.getElementById(id) : null;
    if (target) {
      target.disabled = !box.checked;
    }
  });
})();
