// Progressive enhancement only: the page works the same without this script.
// After a submit, move keyboard and screen-reader focus to what changed: the errors or the advice.
// On "load", after the browser has scrolled to the #advies fragment, so that it does not move focus back.
window.addEventListener("load", function () {
  var summary = document.getElementById("fouten");
  if (summary) {
    summary.focus();
    return;
  }
  var heading = document.getElementById("advies-titel");
  if (heading && window.location.hash === "#advies") {
    heading.focus();
  }
});

// Ticking an item of a list question also selects its "yes" answer (the server reads ticks as yes too).
document.addEventListener("change", function (event) {
  var box = event.target;
  if (box.type !== "checkbox") return;
  var list = box.closest("fieldset[data-yes]");
  if (list && box.checked) document.getElementById(list.getAttribute("data-yes")).checked = true;
});
