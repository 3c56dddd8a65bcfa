// The query page: YASGUI over this service's /sparql, with the example queries as tabs.
// Data comes from the JSON block the page carries (no inline script, so the page runs under CSP).
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("fazhi-ui-data").textContent);
  // YASGUI needs an absolute URL; the page only knows the path, so it follows the page's origin.
  var endpoint = new URL(data.endpoint, window.location.href).href;

  // The "property" and "class" completers ask lov.linkeddata.es; keep the UI offline.
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: "fazhi",
    tabName: data.lang === "zh" ? "查询" : "Query",
    // The endpoint picker offers only this service (the default lists remote endpoints).
    endpointCatalogueOptions: {
      getData: function () {
        return [{ endpoint: endpoint }];
      },
      keys: []
    },
    yasqe: {
      value: data.default_query,
      createShortLink: undefined,
      editorHeight: "320px",
      collapsePrefixesOnLoad: true
    },
    yasr: { prefixes: data.prefixes }
  });

  var byId = {};
  data.examples.forEach(function (ex) {
    byId[ex.id] = ex;
  });

  function openExample(ex) {
    var name = data.lang === "zh" ? ex.title_zh : ex.title_en;
    yasgui.addTab(
      true,
      { name: name, yasqe: { value: ex.query }, requestConfig: { endpoint: endpoint } },
      { avoidDuplicateTabs: true }
    );
    // addTab returns the previous tab when it reuses one, so ask for the active tab.
    var tab = yasgui.getTab();
    tab.show();
    tab.query().catch(function () {});
  }

  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      var ex = byId[button.getAttribute("data-example")];
      if (ex) {
        openExample(ex);
      }
    });
  });

  // For tests and for people poking around in the console.
  window.yasgui = yasgui;
  window.fazhiExamples = data.examples;
})();
