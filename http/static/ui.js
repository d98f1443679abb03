// casebook works without script; this only folds the search filters away
// on a narrow screen, so the results come first.
(function () {
  var fold = document.querySelector("details.facetfold");
  if (fold && window.matchMedia("(max-width: 800px)").matches) {
    fold.removeAttribute("open");
  }
})();
