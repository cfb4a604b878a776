// Enhancements only: every page works without this file.
(function () {
  "use strict";

  // "Use my location": the browser's position, sent as a point through the same GET form.
  function setUpLocate(button) {
    var form = button.form;
    var status = form.querySelector(".locate-status");
    var fields = form.elements;
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = "Finding your location…";
      navigator.geolocation.getCurrentPosition(function (position) {
        fields.lat.value = position.coords.latitude.toFixed(5);
        fields.lon.value = position.coords.longitude.toFixed(5);
        fields.lat.disabled = fields.lon.disabled = false;
        fields.q.disabled = true;
        form.submit();
      }, function (error) {
        status.textContent = error.code === 1
          ? "Location permission was refused. Type a place instead."
          : "Your location could not be found. Type a place instead.";
      }, { timeout: 15000, maximumAge: 600000 });
    });
    // Coming back to the page from the answer: make the form usable again.
    window.addEventListener("pageshow", function () {
      fields.q.disabled = false;
      fields.lat.disabled = fields.lon.disabled = true;
      status.textContent = "";
    });
  }

  // The map's substance switch: recolour in place instead of loading the page again.
  function setUpSwitch(maps) {
    var links = maps.querySelectorAll("[data-substance]");
    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        maps.classList.toggle("o", link.dataset.substance === "7-oh");
        links.forEach(function (other) {
          if (other === link) other.setAttribute("aria-current", "true");
          else other.removeAttribute("aria-current");
        });
        history.replaceState(null, "", link.href);
      });
    });
  }

  if ("geolocation" in navigator) {
    document.querySelectorAll("[data-locate]").forEach(setUpLocate);
  }
  document.querySelectorAll("[data-maps]").forEach(setUpSwitch);
})();
