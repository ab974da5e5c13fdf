// A "Print or save this page" button where a page offers a print hint ([data-print-hint]).
// Without JavaScript the hint's words stay; the button only calls the browser's own print.
(function () {
  "use strict";
  if (typeof window.print !== "function") {
    return;
  }
  document.querySelectorAll("[data-print-hint]").forEach(function (hint) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary print-button";
    button.textContent = "Print or save this page";
    button.addEventListener("click", function () {
      window.print();
    });
    hint.replaceChildren(button);
  });
})();
