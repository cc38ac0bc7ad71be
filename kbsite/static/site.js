// Client-side search and filters on the list page: progressive enhancement, no framework.
// Without JavaScript the form stays hidden and the filter pages under "Browse by" do the work.
(function () {
  "use strict";
  var form = document.getElementById("search");
  var list = document.getElementById("services");
  if (!form || !list) return;
  var items = Array.prototype.slice.call(list.children);
  var count = document.getElementById("count");
  var empty = document.getElementById("empty");
  var keys = ["topic", "place", "language", "audience"];
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function update() {
    var words = fold(form.elements.namedItem("q").value).split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var text = fold(item.dataset.text);
      var match = words.every(function (word) { return text.indexOf(word) >= 0; }) &&
        keys.every(function (key) {
          var wanted = form.elements.namedItem(key).value;
          return !wanted || (" " + item.dataset[key] + " ").indexOf(" " + wanted + " ") >= 0;
        });
      item.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = form.dataset.result
      .replace("{shown}", String(shown)).replace("{total}", String(items.length));
    empty.hidden = shown > 0;
  }
  form.hidden = false;
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
})();
