// Reads a RIS or CSL-JSON file with citation-js and prints the CSL-JSON it
// makes of it: node cite.js FILE ris|csljson
const { Cite } = require('@citation-js/core')
require('@citation-js/plugin-ris')
const fs = require('fs')

const [file, format] = process.argv.slice(2)
const text = fs.readFileSync(file, 'utf8')
const input = format === 'ris' ? text : JSON.parse(text)
const type = format === 'ris' ? '@ris/file' : '@csl/list+object'
const items = new Cite(input, { forceType: type }).data.map(item => {
  const out = { ...item }
  delete out._graph
  return out
})
process.stdout.write(JSON.stringify(items))
