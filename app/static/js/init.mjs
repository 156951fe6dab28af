// Start GOV.UK Frontend's components.
//   <script type="module" src="/static/js/init.mjs"></script>
// /static/js/init.mjs -> ../dist/ -> /static/dist/govuk-frontend.min.js
import { initAll } from '../dist/govuk-frontend.min.js'

initAll()

// Content that htmx swaps in later (a form with radios, an accordion...)
// needs its components started too. htmx fires htmx:load on each new element
// (and once on <body> at start-up, which initAll() above already covered).
document.addEventListener('htmx:load', function (event) {
  const element = event.detail && event.detail.elt
  if (element instanceof Element && element !== document.body) {
    initAll(element)
  }
})
