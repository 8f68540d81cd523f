/* serve_page.c — the page's files, built into the program from templates/serve/ (the
 * Makefile turns each into a list of bytes under build/gen/): the server reads nothing
 * from disk to serve them, and the page is edited as the HTML, JS and CSS it is. */
#include "serve_int.h"

#include <string.h>

static const unsigned char index_html[] = {
#include "serve_index.html.inc"
};
static const unsigned char app_js[] = {
#include "serve_app.js.inc"
};
static const unsigned char app_css[] = {
#include "serve_app.css.inc"
};

static const qb_serve_asset assets[] = {
    {"/", "text/html; charset=utf-8", index_html, sizeof index_html},
    {"/app.js", "text/javascript; charset=utf-8", app_js, sizeof app_js},
    {"/app.css", "text/css; charset=utf-8", app_css, sizeof app_css},
};

const qb_serve_asset *qb_serve_asset_find(const char *path)
{
    for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++)
        if (strcmp(path, assets[i].path) == 0)
            return &assets[i];
    return NULL;
}
