/* Marittimo Map: a clustered layer of places, drawn from a compact, language-neutral file.
 *
 * The places of a data version are one JSON file (fetched once per page, or embedded in a
 * one-file map); a layer gets a bitmask of the places the filters keep, the words of its
 * language, and clusters them with Supercluster. Only the clusters and places in view are
 * markers, so 100,000 places draw as fast as 100. Every text from the data arrives
 * HTML-escaped by the server (geo.markers); this script only joins strings it was given,
 * and sets plain text (names) through DOM properties.
 */
(function () {
  "use strict";
  var files = {}; // url -> promise of the places file: fetched once, shared by layers
  var shared = {}; // name -> a value several layers use, written once in the page (MM.share)

  /* A value given by name ({shared: name}), or the value itself. */
  function resolved(value) {
    return value && typeof value.shared === "string" ? shared[value.shared] : value;
  }
  var decoder = document.createElement("textarea");

  function plain(escaped) {
    decoder.innerHTML = escaped;
    return decoder.value;
  }

  function placesOf(source) {
    if (source.data) {
      return Promise.resolve(resolved(source.data));
    }
    if (!files[source.url]) {
      files[source.url] = fetch(source.url).then(function (response) {
        if (!response.ok) {
          throw new Error(source.url + ": " + response.status);
        }
        return response.json();
      });
    }
    return files[source.url];
  }

  /* Indices of the places a base64 bitmask keeps (bit i of byte i >> 3), or all. */
  function keptIndices(n, mask) {
    var kept = [];
    var i;
    if (mask === null) {
      for (i = 0; i < n; i++) {
        kept.push(i);
      }
      return kept;
    }
    var bytes = atob(mask);
    for (i = 0; i < n; i++) {
      if ((bytes.charCodeAt(i >> 3) >> (i & 7)) & 1) {
        kept.push(i);
      }
    }
    return kept;
  }

  function line(label, value) {
    return value ? "<dt>" + label + "</dt><dd>" + value + "</dd>" : "";
  }

  function link(url, text) {
    return '<a href="' + url + '" target="_blank" rel="noopener noreferrer">' + text + "</a>";
  }

  function names(ids, table, lookup) {
    return ids.map(function (k) { return lookup[table[k]] || table[k]; }).join("<br>");
  }

  /* The page of the app this map is drawn in, or null (a one-file map stands alone). */
  function appPage() {
    try {
      return window.parent !== window && window.parent.location.search !== undefined
        ? window.parent : null;
    } catch (e) {
      return null;
    }
  }

  /* Each project of place i, with how the place takes part in it when a source says. In
     the app, a project's name chooses it in the filter (its places and its panel). */
  function projectLines(d, t, i) {
    var linked = appPage() !== null;
    return d.projects[i].map(function (k, n) {
      var id = d.project_ids[k];
      var status = d.status[i][n] >= 0 ? t.statuses[d.statuses[d.status[i][n]]] : "";
      var name = t.projects[id] || id;
      if (linked) {
        name = '<a href="#" data-mm-project="' + encodeURIComponent(id) + '" title="' +
          t.labels.choose_project + '">' + name + "</a>";
      }
      return name + (status ? " · <em>" + status + "</em>" : "");
    }).join("<br>");
  }

  /* Choose a project in the app's filter, as a link would (a new history entry, Back
     returns): the app reads its address again when the browser moves in its history. */
  function chooseProject(id) {
    var page = appPage();
    if (!page) {
      return;
    }
    var params = new URLSearchParams(page.location.search);
    params.set("project", id);
    params.delete("at");
    page.history.pushState(null, "", "?" + params.toString());
    page.dispatchEvent(new PopStateEvent("popstate", {state: null}));
  }

  /* The economy types of place i, and the projects they come from when not its own. */
  function economyLine(d, t, i) {
    var types = names(d.economy[i], d.economy_ids, t.economy);
    if (!d.via[i].length) {
      return types;
    }
    var via = d.via[i].map(function (k) {
      return t.short_projects[d.project_ids[k]] || d.project_ids[k];
    }).join(", ");
    return types + "<br><small>" + t.labels.via + " " + via + "</small>";
  }

  /* The popup of place i: who, where, what, and the sources that say so. */
  function popupHtml(d, t, i) {
    var L_ = t.labels;
    var none = "<em>" + L_.not_stated + "</em>";
    var place = d.place[i];
    var precision = d.precision[i] >= 0 ? t.precision[d.precisions[d.precision[i]]] : "";
    var where = place
      ? place + (precision ? "<br><small>" + precision + "</small>" : "")
      : "<em>" + L_.not_located + "</em>";
    var region = d.region[i] >= 0
      ? t.regions[d.regions[d.region[i]]] + " · " + (d.eligible[i] ? L_.eligible : L_.not_eligible)
      : "";
    var cert = d.certs[d.cert[i]];
    var enterprise = d.kinds[d.kind[i]] === "enterprise";
    return '<div class="mm-popup"><h4>' + d.name[i] + "</h4>" +
      '<div class="mm-kind">' + t.kinds[d.kinds[d.kind[i]]] + "</div><dl>" +
      line(L_.where, where) +
      line(L_.region, region) +
      line(L_.projects, d.projects[i].length ? projectLines(d, t, i) : none) +
      line(L_.economy, d.economy[i].length ? economyLine(d, t, i) : none) +
      // Quality Made certification is a matter of enterprises: said for others only if stated.
      line(L_.certification, cert ? t.certification[cert] : enterprise ? none : "") +
      line(L_.notes, d.notes[i].join("<br>")) +
      line(L_.yours, d.upload && d.upload[i] >= 0 ? d.uploads[d.upload[i]] : "") +
      line(L_.website, d.website[i] ? link(d.website[i], d.website[i]) : "") +
      line(L_.sources, d.sources[i].map(function (s, k) {
        return link(s, L_.source + " " + (k + 1));
      }).join(" · ")) +
      "</dl></div>";
  }

  /* The list popup of a cluster that zooming cannot split (places at one town centre). */
  function listHtml(d, leaves) {
    return '<div class="mm-popup"><ul class="mm-list">' + leaves.map(function (leaf) {
      var i = leaf.properties.i;
      return '<li><a href="#" data-mm-place="' + i + '">' + d.name[i] + "</a></li>";
    }).join("") + "</ul></div>";
  }

  /* Larger on a projector (presentation mode's style sets --mm-scale). */
  function scale() {
    var value = parseFloat(
      getComputedStyle(document.documentElement).getPropertyValue("--mm-scale"));
    return value > 0 ? value : 1;
  }

  /* A popup that fits the map it opens on (a phone's too), panned below the corner
     controls: maxWidth is the content's, the popup's frame adds about 50 px to it. */
  var POPUP_FRAME = 50, SIDE = 12, BELOW_CONTROLS = 92, ABOVE_ATTRIBUTION = 24;
  function popupOptions(map, extra) {
    var size = map.getSize();
    var options = {
      maxWidth: Math.max(160, Math.min(320, size.x - 2 * SIDE - POPUP_FRAME)),
      maxHeight: Math.max(140, Math.min(300, size.y - BELOW_CONTROLS - ABOVE_ATTRIBUTION - 60)),
      autoPanPaddingTopLeft: [SIDE, BELOW_CONTROLS],
      autoPanPaddingBottomRight: [SIDE, ABOVE_ATTRIBUTION],
      keepInView: true,
    };
    return L.extend(options, extra || {});
  }

  /* The popup's close button, named in the page's language. */
  function namedClose(popup, label) {
    var button = popup.getElement() && popup.getElement().querySelector(".leaflet-popup-close-button");
    if (button) {
      button.setAttribute("aria-label", label);
      button.setAttribute("title", label);
    }
    return popup;
  }

  function clusterIcon(count) {
    var size = (count < 10 ? 34 : count < 100 ? 40 : count < 1000 ? 46 : 52) * scale();
    return L.divIcon({
      html: '<div class="mm-cluster"><span>' + count.toLocaleString() + "</span></div>",
      className: "mm-cluster-icon",
      iconSize: [size, size],
    });
  }

  var PointLayer = L.LayerGroup.extend({
    /* options: source ({url} or {data}), mask (base64 or null), text (words by id),
       attribution, maxZoom, open (the id of a place to show with its popup, or null). */
    initialize: function (options) {
      L.LayerGroup.prototype.initialize.call(this, [], options);
      L.setOptions(this, options);
      this.options.text = resolved(options.text);
      this._markers = {};
      this.mm = {count: 0, ready: false, layer: this};
      var self = this;
      this._ready = placesOf(options.source).then(function (d) {
        self._build(d);
        return self;
      });
    },

    getAttribution: function () {
      return this.options.attribution;
    },

    onAdd: function (map) {
      L.LayerGroup.prototype.onAdd.call(this, map);
      map.on("moveend", this._render, this);
      this._render();
      this._openAsked();
    },

    /* The place the options ask for (a row chosen in the page's table), once the places are
       in and the layer is on a map; the map is scrolled into view, as for the plain table. */
    _openAsked: function () {
      if (this.options.open && this.mm.ready && this._map && !this._opened) {
        this._opened = true;
        if (this.openId(this.options.open, 12) && window.frameElement) {
          window.frameElement.scrollIntoView({behavior: "smooth", block: "center"});
        }
      }
    },

    onRemove: function (map) {
      map.off("moveend", this._render, this);
      L.LayerGroup.prototype.onRemove.call(this, map);
      this.clearLayers();
      this._markers = {};
    },

    _build: function (d) {
      var kept = keptIndices(d.n, this.options.mask);
      var features = kept.map(function (i) {
        return {
          type: "Feature",
          properties: {i: i},
          geometry: {type: "Point", coordinates: [d.lon[i] / 1e5, d.lat[i] / 1e5]},
        };
      });
      this._d = d;
      this._kept = new Uint8Array(d.n);
      kept.forEach(function (i) { this._kept[i] = 1; }, this);
      var box = Math.round(28 * scale());
      this._icons = d.styles.map(function (html) {
        return L.divIcon({html: html, className: "mm-marker", iconSize: [box, box],
                          iconAnchor: [box / 2, box / 2], popupAnchor: [0, -box / 2 + 2]});
      });
      this._index = new Supercluster({radius: 48 * scale(), maxZoom: this.options.maxZoom})
        .load(features);
      this.mm.count = kept.length;
      this.mm.ready = true;
      this._render();
      this._openAsked();
    },

    _render: function () {
      var map = this._map;
      if (!map || !this._index) {
        return;
      }
      var bounds = map.getBounds().pad(0.25);
      var zoom = Math.round(map.getZoom());
      var items = this._index.getClusters(
        [bounds.getWest(), Math.max(bounds.getSouth(), -85), bounds.getEast(),
         Math.min(bounds.getNorth(), 85)], zoom);
      var wanted = {};
      var self = this;
      items.forEach(function (item) {
        var key = item.properties.cluster ? "c" + item.id : "p" + item.properties.i;
        wanted[key] = true;
        if (!self._markers[key]) {
          self._markers[key] = self._marker(item);
          self.addLayer(self._markers[key]);
        }
      });
      Object.keys(this._markers).forEach(function (key) {
        if (!wanted[key]) {
          self.removeLayer(self._markers[key]);
          delete self._markers[key];
        }
      });
    },

    _marker: function (item) {
      var latlng = [item.geometry.coordinates[1], item.geometry.coordinates[0]];
      var self = this;
      if (item.properties.cluster) {
        var cluster = L.marker(latlng, {
          icon: clusterIcon(item.properties.point_count),
          zIndexOffset: 2000, // clusters above single places: their number stays readable
          keyboard: true,
          title: String(item.properties.point_count),
        });
        cluster.on("click", function () { self._openCluster(item.id, latlng); });
        return cluster;
      }
      var i = item.properties.i;
      var d = this._d;
      // The planner's own places are drawn above the programme's, so a ring is never hidden.
      var yours = d.upload && d.upload[i] >= 0;
      var marker = L.marker(latlng, {
        icon: this._icons[d.style[i]], title: plain(d.name[i]), zIndexOffset: yours ? 1000 : 0
      });
      marker.on("add", function () {
        marker.getElement().setAttribute("aria-label", marker.options.title);
      });
      marker.on("click", function () { self.openPlace(i); });
      return marker;
    },

    _openCluster: function (id, latlng) {
      var zoom = this._index.getClusterExpansionZoom(id);
      if (zoom <= this._map.getMaxZoom()) {
        this._map.flyTo(latlng, zoom, {duration: 0.4});
        return;
      }
      var d = this._d;
      var self = this;
      var leaves = this._index.getLeaves(id, Infinity);
      var popup = L.popup(popupOptions(this._map))
        .setLatLng(latlng).setContent(listHtml(d, leaves)).openOn(this._map);
      namedClose(popup, this.options.text.labels.close);
      popup.getElement().addEventListener("click", function (event) {
        var target = event.target.closest("[data-mm-place]");
        if (target) {
          event.preventDefault();
          self.openPlace(Number(target.getAttribute("data-mm-place")));
        }
      });
    },

    /* Open the popup of place i (an index in the places file). */
    openPlace: function (i) {
      var d = this._d;
      var popup = L.popup(popupOptions(this._map, {offset: [0, -12]}))
        .setLatLng([d.lat[i] / 1e5, d.lon[i] / 1e5])
        .setContent(popupHtml(d, this.options.text, i))
        .openOn(this._map);
      namedClose(popup, this.options.text.labels.close);
      popup.getElement().addEventListener("click", function (event) {
        var target = event.target.closest("[data-mm-project]");
        if (target) {
          event.preventDefault();
          chooseProject(decodeURIComponent(target.getAttribute("data-mm-project")));
        }
      });
    },

    /* Show the place with this id and open its popup (tests, links to a place). */
    openId: function (id, zoom) {
      var i = this._d ? this._d.id.indexOf(id) : -1;
      if (i < 0 || !this._kept[i]) {
        return false;
      }
      var map = this._map;
      map.setView([this._d.lat[i] / 1e5, this._d.lon[i] / 1e5],
                  Math.max(map.getZoom(), zoom || 12), {animate: false});
      this.openPlace(i);
      return true;
    },
  });

  window.MM = window.MM || {};
  window.MM.pointLayer = function (options) {
    return new PointLayer(options);
  };
  window.MM.share = function (name, value) {
    shared[name] = value;
  };

  /* Write the map's position into the page's link as the visitor moves the map (replaced,
     not a new history entry), so a copied link opens the same view; not while the app fits. */
  function watchPosition(map, page, param) {
    map.on("moveend", function () {
      if (Date.now() - map.mmFitted < 1000) {
        return;
      }
      try {
        var params = new URLSearchParams(page.location.search);
        var c = map.getCenter();
        params.set(param, [+map.getZoom().toFixed(2), c.lat.toFixed(4), c.lng.toFixed(4)].join("/"));
        page.history.replaceState(page.history.state, "", "?" + params.toString() + page.location.hash);
      } catch (e) { /* a page that is not ours: the link stays */ }
    });
  }

  /* The position a link holds (zoom/lat/lon), or null. */
  function linkedPosition(page, param) {
    try {
      var at = (new URLSearchParams(page.location.search).get(param) || "").split("/").map(Number);
      var fits = at.length === 3 && at[0] >= 0 && at[0] <= 18 && Math.abs(at[1]) <= 85 &&
        Math.abs(at[2]) <= 180;
      return fits ? at : null;
    } catch (e) {
      return null; // no link to read
    }
  }

  /* A double-click zooms in; it does not choose the region under it. streamlit-folium sends
     the map's last click 250 ms after the clicks stop, and only when it changed: on a
     double-click, the click to send is put back to the one it sent last. */
  function zoomsOnly(map) {
    map.on("dblclick", function () {
      var sent = window.__GLOBAL_DATA__; // streamlit-folium's (none in a one-file map)
      if (sent) {
        sent.lat_lng_clicked = (sent.previous_data || {}).last_clicked || null;
      }
    });
  }

  /* The view when the layers that follow the filters are (re)drawn: a town searched for;
     else, the first time, the position the link holds; else the bounds of what the filters
     keep, with room for the legend (folded when it would cover a third of the map). */
  window.MM.fitView = function (map, options) {
    var page = window.parent || window;
    if (map.mmSpot) {
      map.mmSpot.remove();
      map.mmSpot = null;
    }
    var opening = !map.mmOpened;
    map.mmOpened = true;
    map.mmFitted = Date.now();
    if (!map.mmWatched) {
      map.mmWatched = true;
      watchPosition(map, page, options.param);
      zoomsOnly(map);
    }
    if (options.spot) {
      map.setView([options.spot.lat, options.spot.lon], options.spot.zoom);
      return;
    }
    var at = opening ? linkedPosition(page, options.param) : null;
    if (at) {
      map.setView([at[1], at[2]], at[0], {animate: false});
      return;
    }
    var legend = map.getContainer().querySelector(".mm-legend");
    var size = map.getSize();
    if (legend && (legend.offsetWidth > size.x / 3 || legend.offsetHeight > size.y / 2)) {
      var details = legend.querySelector("details");
      if (details) {
        details.open = false;
      }
    }
    var w = legend ? legend.offsetWidth + 16 : 24;
    var h = legend ? legend.offsetHeight + 16 : 24;
    var left = w < size.x / 3 ? w : 24;
    map.fitBounds(options.bounds, {maxZoom: options.maxZoom, paddingTopLeft: [left, 24],
                                   paddingBottomRight: [24, left > 24 ? 24 : h]});
  };
  window.MM.plain = plain;
})();
