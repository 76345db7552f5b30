// render.js: renders CSL-JSON items with citeproc-js for citekit's interop
// test. Input on stdin: {"style": xml, "locale": xml, "items": [...]}.
// Output: {"bibliography": [html...], "citations": [html...]}.
// Install: npm install --prefix csl/testdata/interop citeproc@2
const CSL = require("citeproc");

let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const req = JSON.parse(input);
  const byId = {};
  for (const it of req.items) byId[it.id] = it;
  const sys = {
    retrieveLocale: () => req.locale,
    retrieveItem: (id) => byId[id],
  };
  const engine = new CSL.Engine(sys, req.style, "en-US", true);
  const ids = req.items.map((it) => it.id);
  engine.updateItems(ids);
  const out = { bibliography: [], citations: [] };
  const bib = engine.makeBibliography();
  if (bib) {
    out.bibliography = bib[1].map((s) => s.trim());
    out.ids = bib[0].entry_ids.map((x) => x[0]);
  }
  for (const id of ids) {
    out.citations.push(engine.makeCitationCluster([{ id: id }]));
  }
  process.stdout.write(JSON.stringify(out));
});
