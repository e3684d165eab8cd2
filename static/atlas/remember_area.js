// Remember the map's area for the next visit: one first-party cookie, read back by the app
// (ui/visit_memory.py) when a session starts. The app sets window.borderAtlasArea = {name, value}.
(function () {
  const area = window.borderAtlasArea;
  if (!area) return;
  const year = 365 * 24 * 3600;
  document.cookie =
    `${area.name}=${encodeURIComponent(area.value)}; path=/; max-age=${year}; SameSite=Lax`;
})();
