// Progressive enhancement only: the page works the same without this script.
// After a submit, move keyboard and screen-reader focus to what changed: the errors or the advice.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("fouten");
  if (summary) {
    summary.focus();
    return;
  }
  if (window.location.hash === "#advies") {
    var heading = document.getElementById("advies-titel");
    if (heading) heading.focus();
  }
});
