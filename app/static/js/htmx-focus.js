// After htmx swaps new content into the page, move keyboard focus to it so
// keyboard and screen-reader users land on what changed.
//   <script src="/static/js/htmx-focus.js" defer></script>
//
// Focus goes to the first element in the swapped content that has
// [data-focus-on-swap], otherwise to the first h1 or h2 with tabindex="-1".
// Swapped content with neither leaves focus alone (e.g. live search results
// while the user types).
(function () {
  'use strict'

  var handled = typeof WeakSet === 'function' ? new WeakSet() : null
  var typingEvents = { input: true, keyup: true, keydown: true, keypress: true }

  function findTarget (root) {
    var selectors = ['[data-focus-on-swap]', 'h1[tabindex="-1"], h2[tabindex="-1"]']
    for (var i = 0; i < selectors.length; i++) {
      if (root.matches(selectors[i])) return root
      var found = root.querySelector(selectors[i])
      if (found) return found
    }
    return null
  }

  document.addEventListener('htmx:afterSettle', function (event) {
    var root = event.target
    if (!(root instanceof Element) || !document.body.contains(root)) return

    var detail = event.detail || {}
    var config = detail.requestConfig || {}
    // Never pull focus away from a field the user is typing in.
    if (config.triggeringEvent && typingEvents[config.triggeringEvent.type]) return

    var target = findTarget(root)
    if (!target) return

    // One move per request, even when several elements settle (hx-swap-oob).
    var xhr = detail.xhr
    if (handled && xhr) {
      if (handled.has(xhr)) return
      handled.add(xhr)
    }

    if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) {
      target.setAttribute('tabindex', '-1')
    }
    target.focus()
  })
})()
