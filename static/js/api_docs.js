/* Starts Swagger UI on /api/docs (templates/api/docs.html, config/api_docs.py). Its settings
   come from the page's JSON script tag; no inline script, so the CSP's script-src 'self'
   holds. Requests made with "Try it out" carry the CSRF token, as the session API needs. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("swagger-settings").textContent);
  var token = document.body.dataset.csrfToken;
  config.presets = [window.SwaggerUIBundle.presets.apis];
  config.requestInterceptor = function (request) {
    if (token) {
      request.headers["X-CSRFToken"] = token;
    }
    return request;
  };
  window.SwaggerUIBundle(config);
})();
