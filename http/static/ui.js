// casebook works without script; this only folds the search filters away
// on a narrow screen, so the results come first.
(function () {
  var fold = document.querySelector("details.facetfold");
  if (fold && window.matchMedia("(max-width: 800px)").matches) {
    fold.removeAttribute("open");
  }
})();

// the review page: j/k move between fields, Enter confirms the one in
// focus, e goes to its value box (keys typed in a box are the box's)
(function () {
  var fields = Array.prototype.slice.call(document.querySelectorAll(".rv-field"));
  if (!fields.length) {
    return;
  }
  fields[0].focus();
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || e.ctrlKey || e.metaKey || e.altKey) {
      return;
    }
    var i = fields.indexOf(document.activeElement.closest ? document.activeElement.closest(".rv-field") : null);
    if (e.key === "j" || e.key === "k") {
      var next = i < 0 ? 0 : Math.max(0, Math.min(fields.length - 1, i + (e.key === "j" ? 1 : -1)));
      fields[next].focus();
      fields[next].scrollIntoView({block: "center"});
      e.preventDefault();
    } else if (e.key === "Enter" && i >= 0 && document.activeElement === fields[i]) {
      fields[i].querySelector(".rv-confirm").submit();
      e.preventDefault();
    } else if (/^[1-3]$/.test(e.key) && i >= 0) {
      var pick = fields[i].querySelectorAll(".rv-pick")[Number(e.key) - 1];
      if (pick) {
        pick.submit();
        e.preventDefault();
      }
    }
  });
  // e on its key's release: focused on the press, the box would take the e
  document.addEventListener("keyup", function (e) {
    var t = e.target;
    if (e.key !== "e" || t.tagName === "INPUT" || t.tagName === "TEXTAREA" || e.ctrlKey || e.metaKey || e.altKey) {
      return;
    }
    var f = t.closest ? t.closest(".rv-field") : null;
    if (f) {
      f.querySelector(".rv-set input[name=new]").focus();
    }
  });
})();
