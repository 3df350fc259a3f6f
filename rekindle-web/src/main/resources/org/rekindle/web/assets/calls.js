// The call list: when logging an outcome is refused (a reason for leaving without its note, a call
// no longer on the list), htmx swaps nothing; show the server's words in the call's row instead.
(function () {
  'use strict';
  function statusOf(elt) {
    var call = elt && elt.closest ? elt.closest('.call') : null;
    return call ? call.querySelector('.status') : null;
  }
  document.addEventListener('htmx:responseError', function (e) {
    var status = statusOf(e.detail.elt);
    if (status) {
      var words = e.detail.xhr.responseText || '';
      status.textContent = words.length > 0 && words.length < 1000 && words.charAt(0) !== '<'
        ? words : 'Not logged (' + e.detail.xhr.status + '). Reload the page and try again.';
    }
  });
  document.addEventListener('htmx:sendError', function (e) {
    var status = statusOf(e.detail.elt);
    if (status) {
      status.textContent = 'Not logged: the server could not be reached. Try again.';
    }
  });
  document.addEventListener('htmx:beforeRequest', function (e) {
    var status = statusOf(e.detail.elt);
    if (status) {
      status.textContent = '';
    }
  });
})();
