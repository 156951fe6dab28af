// Replaces the inline script of GOV.UK Frontend 6.3's page template
// (dist/govuk/template.njk), which our Content-Security-Policy forbids.
// Load it as a classic, blocking script as the FIRST child of <body>
// (not in <head>: document.body does not exist there yet; not deferred: the
// class must be set before the page paints, or components flash unstyled).
//   <script src="/static/js/govuk-frontend-supported.js"></script>
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
