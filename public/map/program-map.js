// Bayline's program map. The WebAssembly client imports this module lazily (see
// app/src/components/program_map.rs) when a page shows a map, so Leaflet never weighs on
// the first load. Configuration comes from the container's data-* attributes, rendered by
// the server; the list named by data-list is the map's accessible twin and stays in sync.
import * as L from "/vendor/leaflet/leaflet.esm.min.js";

const STYLESHEET = "/vendor/leaflet/leaflet.css";
const BASEMAP = "/vendor/us-states.geojson";
const METERS_PER_MILE = 1609.344;

function ensureStylesheet() {
  if (document.querySelector(`link[href="${STYLESHEET}"]`)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = STYLESHEET;
  document.head.append(link);
}

/** A marker's face: a dot with the program's name for screen readers. */
function programIcon(name) {
  const face = document.createElement("span");
  face.className = "dot";
  const label = document.createElement("span");
  label.className = "visually-hidden";
  label.textContent = name;
  face.append(label);
  return L.divIcon({ className: "program-marker", html: face, iconSize: [18, 18] });
}

function clusterIcon(count) {
  const face = document.createElement("span");
  face.textContent = String(count);
  const label = document.createElement("span");
  label.className = "visually-hidden";
  label.textContent = ` programs here; activate to zoom in`;
  face.append(label);
  const size = count < 10 ? 30 : count < 100 ? 36 : 44;
  return L.divIcon({ className: "cluster-marker", html: face, iconSize: [size, size] });
}

/**
 * Enter or Space on a focused marker does what a click does (zoom into a cluster, open a
 * program's popup), as its label promises; the element also says it is a button.
 */
function activateByKeyboard(marker) {
  marker.on("add", () => {
    const element = marker.getElement();
    if (!element || element.dataset.keys) return;
    element.dataset.keys = "on";
    element.setAttribute("role", "button");
    element.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();
      marker.fire("click");
    });
  });
}

/** What the school's year says of programs on Bayline ("Updated this year", the newest
 * badge), by UNITID and by organisation id; filled once /api/v1/schools answers. */
const yearMarks = { byUnitid: new Map(), byOrganisation: new Map() };

/** The year's line of a popup, or nothing. */
function yearLine(mark) {
  if (!mark || (!mark.updated_this_year && !mark.badge_title)) return [];
  const line = document.createElement("p");
  const parts = [];
  if (mark.updated_this_year) parts.push("Updated this year");
  if (mark.badge_title) parts.push(mark.badge_title);
  line.className = "year-marks";
  line.textContent = parts.join(" · ");
  return [line];
}

/** Popup content built from text nodes: names never become markup. */
function popup(feature) {
  const box = document.createElement("div");
  const link = document.createElement("a");
  link.href = `/programs/${feature.unitid}`;
  link.textContent = feature.name;
  const where = document.createElement("p");
  where.textContent = `${feature.city}, ${feature.state}`;
  box.append(link, where, ...yearLine(yearMarks.byUnitid.get(feature.unitid)));
  return box;
}

/** A verified high-school (non-IPEDS) program: a square, named for screen readers. */
function schoolIcon(name) {
  const face = document.createElement("span");
  face.className = "square";
  const label = document.createElement("span");
  label.className = "visually-hidden";
  label.textContent = `${name} (high-school program)`;
  face.append(label);
  return L.divIcon({ className: "school-marker", html: face, iconSize: [16, 16] });
}

/** A school from an imported list, nobody from it on Bayline yet: a hollow square. */
function listingIcon(name) {
  const face = document.createElement("span");
  face.className = "square hollow";
  const label = document.createElement("span");
  label.className = "visually-hidden";
  label.textContent = `${name} (not yet on Bayline)`;
  face.append(label);
  return L.divIcon({ className: "school-marker listing-marker", html: face, iconSize: [16, 16] });
}

/** Imported schools nobody on Bayline speaks for yet, as a layer of their own. */
function addListings(map, container, listings, kind) {
  const layer = L.layerGroup().addTo(map);
  let shown = 0;
  for (const school of listings) {
    if (kind && !school.kinds.includes(kind)) continue;
    const marker = L.marker([school.lat, school.lon], {
      icon: listingIcon(school.name),
      title: `${school.name} (not yet on Bayline)`,
      keyboard: true,
    });
    const box = document.createElement("div");
    const name = document.createElement("a");
    name.href = `/schools/listings/${school.id}`;
    name.textContent = school.name;
    const where = document.createElement("p");
    where.textContent = `${school.city}, ${school.state} · not yet on Bayline`;
    const source = document.createElement("p");
    source.textContent = `From ${school.source}, line ${school.source_line}`;
    box.append(name, where, source);
    marker.bindPopup(box);
    activateByKeyboard(marker);
    layer.addLayer(marker);
    shown++;
  }
  container.dataset.listings = String(shown);
}

/** Verified programs IPEDS does not list, as their own layer (few, so never clustered),
 * and imported schools not yet on Bayline as another. */
async function addSchools(map, container) {
  const response = await fetch("/api/v1/schools");
  if (!response.ok) return;
  const { schools, listings, marks } = await response.json();
  for (const mark of marks ?? []) {
    yearMarks.byOrganisation.set(mark.organisation_id, mark);
    if (mark.unitid != null) yearMarks.byUnitid.set(mark.unitid, mark);
  }
  const kind = new URLSearchParams(container.dataset.filters ?? "").get("kind");
  const layer = L.layerGroup().addTo(map);
  let shown = 0;
  for (const school of schools) {
    if (kind && !school.kinds.includes(kind)) continue;
    const marker = L.marker([school.lat, school.lon], {
      icon: schoolIcon(school.name),
      title: school.name,
      keyboard: true,
    });
    const box = document.createElement("div");
    const link = document.createElement("a");
    link.href = `/orgs/${school.id}`;
    link.textContent = school.name;
    const where = document.createElement("p");
    where.textContent = `${school.city}, ${school.state} · high-school program`;
    box.append(link, where, ...yearLine(yearMarks.byOrganisation.get(school.id)));
    marker.bindPopup(box);
    activateByKeyboard(marker);
    layer.addLayer(marker);
    shown++;
  }
  container.dataset.schools = String(shown);
  addListings(map, container, listings ?? [], kind);
}

/** The state-outline basemap, drawn when tiles are switched off or fail to load. */
function addOutlineBasemap(map, container) {
  if (container.dataset.basemap === "outline") return;
  container.dataset.basemap = "outline";
  fetch(BASEMAP)
    .then((response) => response.json())
    .then((states) => {
      L.geoJSON(states, {
        interactive: false,
        style: { color: "#7d8c9a", weight: 1, fillColor: "#eef2f5", fillOpacity: 1 },
        attribution: "State outlines: U.S. Census Bureau via us-atlas",
      })
        .addTo(map)
        .bringToBack();
    })
    .catch((error) => console.warn("basemap unavailable:", error));
}

function addTiles(map, container) {
  const url = container.dataset.tileUrl;
  if (!url) {
    addOutlineBasemap(map, container);
    return;
  }
  container.dataset.basemap = "tiles";
  const tiles = L.tileLayer(url, { attribution: container.dataset.tileAttribution, maxZoom: 19 });
  tiles.once("tileerror", () => addOutlineBasemap(map, container));
  tiles.addTo(map);
}

/**
 * The needs layer: one marker per need in the list beside the map (the page of results the
 * server rendered), at its program's place, linked both ways with the list.
 */
function addNeeds(map, container, list) {
  const rows = [...(list?.querySelectorAll("li[data-need-id][data-lat]") ?? [])];
  const layer = L.layerGroup().addTo(map);
  for (const row of rows) {
    const title = row.querySelector("h3 a");
    const marker = L.marker([Number(row.dataset.lat), Number(row.dataset.lon)], {
      icon: programIcon(title?.textContent ?? "need"),
      title: title?.textContent ?? "need",
      keyboard: true,
    });
    const box = document.createElement("div");
    const link = document.createElement("a");
    link.href = `/needs/${row.dataset.needId}`;
    link.textContent = title?.textContent ?? "";
    const where = document.createElement("p");
    where.textContent = row.querySelector(".where")?.textContent ?? "";
    box.append(link, where);
    marker.bindPopup(box);
    activateByKeyboard(marker);
    const highlight = (on) => {
      row.classList.toggle("is-highlighted", on);
      marker.getElement()?.classList.toggle("is-highlighted", on);
    };
    for (const [event, on] of [["mouseover", true], ["mouseout", false]]) marker.on(event, () => highlight(on));
    for (const [event, on] of [["mouseenter", true], ["mouseleave", false], ["focusin", true], ["focusout", false]]) {
      row.addEventListener(event, () => highlight(on));
    }
    layer.addLayer(marker);
  }
  container.dataset.markers = String(rows.length);
  container.dataset.ready = "true";
}

export function mount(container) {
  ensureStylesheet();
  const data = container.dataset;
  const center = [Number(data.lat), Number(data.lon)];
  const map = L.map(container, { keyboard: true });
  addTiles(map, container);

  if (data.radiusMi) {
    const radius = Number(data.radiusMi) * METERS_PER_MILE;
    map.fitBounds(L.latLng(center).toBounds(radius * 2));
    L.circle(center, { radius, color: "#12355b", weight: 1, fillOpacity: 0.04, interactive: false }).addTo(map);
  } else {
    map.setView(center, 9);
  }

  const list = document.getElementById(data.list);
  if (data.layer === "needs") {
    addNeeds(map, container, list);
    return map;
  }
  const rows = new Map();
  for (const row of list?.querySelectorAll("li[data-unitid]") ?? []) rows.set(row.dataset.unitid, row);
  const markers = new Map();
  const layer = L.layerGroup().addTo(map);
  let marking = null;

  const highlightRow = (unitid, on) => rows.get(String(unitid))?.classList.toggle("is-highlighted", on);
  const highlightMarker = (row, on) => {
    const marker = markers.get(row.dataset.unitid);
    if (marker) {
      marker.getElement()?.classList.toggle("is-highlighted", on);
      return;
    }
    // The program is inside a cluster at this zoom: ring its position instead.
    marking?.remove();
    marking = on
      ? L.circleMarker([Number(row.dataset.lat), Number(row.dataset.lon)], {
          radius: 12,
          color: "#b35c00",
          weight: 3,
          interactive: false,
        }).addTo(map)
      : null;
  };
  for (const row of rows.values()) {
    for (const [event, on] of [["mouseenter", true], ["mouseleave", false], ["focusin", true], ["focusout", false]]) {
      row.addEventListener(event, () => {
        row.classList.toggle("is-highlighted", on);
        highlightMarker(row, on);
      });
    }
  }

  let request = 0;
  async function refresh() {
    const bounds = map.getBounds();
    const clamp = (v, limit) => Math.max(-limit, Math.min(limit, v)).toFixed(5);
    const box = {
      west: clamp(bounds.getWest(), 180),
      south: clamp(bounds.getSouth(), 90),
      east: clamp(bounds.getEast(), 180),
      north: clamp(bounds.getNorth(), 90),
    };
    const zoom = Math.max(0, Math.min(20, Math.round(map.getZoom())));
    // The list's filters, so the clusters count what the list shows.
    const query = new URLSearchParams(data.filters ?? "");
    for (const [edge, value] of Object.entries(box)) query.set(edge, value);
    query.set("zoom", String(zoom));
    const mine = ++request;
    const response = await fetch(`/api/v1/programs/clusters?${query}`);
    if (!response.ok || mine !== request) return;
    const { features } = await response.json();
    layer.clearLayers();
    markers.clear();
    let clusters = 0;
    for (const feature of features) {
      if (feature.type === "cluster") {
        clusters++;
        const marker = L.marker([feature.lat, feature.lon], {
          icon: clusterIcon(feature.count),
          title: `${feature.count} programs`,
          keyboard: true,
        });
        marker.on("click", () => map.setView([feature.lat, feature.lon], feature.expansion_zoom));
        activateByKeyboard(marker);
        layer.addLayer(marker);
        continue;
      }
      const marker = L.marker([feature.lat, feature.lon], {
        icon: programIcon(feature.name),
        title: feature.name,
        keyboard: true,
      });
      // Built when opened: the year's marks may arrive after the markers.
      marker.bindPopup(() => popup(feature));
      activateByKeyboard(marker);
      for (const [event, on] of [["mouseover", true], ["mouseout", false]]) {
        marker.on(event, () => highlightRow(feature.unitid, on));
      }
      marker.on("add", () => {
        const element = marker.getElement();
        element?.addEventListener("focus", () => highlightRow(feature.unitid, true));
        element?.addEventListener("blur", () => highlightRow(feature.unitid, false));
      });
      markers.set(String(feature.unitid), marker);
      layer.addLayer(marker);
    }
    // Read by the end-to-end tests, and handy when debugging.
    container.dataset.zoom = String(zoom);
    container.dataset.markers = String(markers.size);
    container.dataset.clusters = String(clusters);
    container.dataset.ready = "true";
  }
  map.on("moveend", refresh);
  refresh();
  addSchools(map, container).catch((error) => console.warn("schools unavailable:", error));
  return map;
}
