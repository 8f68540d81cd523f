/* serve_http.c — the HTTP side on libmicrohttpd: a thread per connection (a check
 * blocks its own connection only), routes, responses with a strict Content-Security-
 * Policy, one log line per request when it completes. */
#include "serve_int.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "unpack.h"

#define IDLE_TIMEOUT 30         /* seconds a connection may sit idle (slow or stalled clients) */
#define EXTRA_CONNECTIONS 64    /* beyond workers + queue: the page, its files, downloads */
#define MULTIPART_SLACK 65536   /* the form's own bytes beside the file */
#define RETRY_AFTER "5"

/* Every response: nothing runs but the page's own script, nothing is loaded from
 * elsewhere, the page is never framed. */
static const char CSP[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                          "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

enum { ROUTE_OTHER = 0, ROUTE_CHECK };

typedef struct {
    double t0;
    char client[64];
    char method[16];
    char *path;
    unsigned status;
    uint64_t bytes;
    char verdict[8];
    int route;
    int admitted;
    int answered;   /* a response is queued */
    int have_upload;
    qb_serve_upload up;
    qb_serve_result res; /* its child is reaped once the answer is out */
} req;

static enum MHD_Result respond(req *R, struct MHD_Connection *c, unsigned status, struct MHD_Response *resp)
{
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Security-Policy", CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    enum MHD_Result r = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    R->status = status;
    R->answered = 1;
    return r;
}

static struct MHD_Response *text(const char *type, const char *s, size_t n, enum MHD_ResponseMemoryMode mode)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(n, (void *)s, mode);
    if (resp)
        MHD_add_response_header(resp, "Content-Type", type);
    return resp;
}

/* {"error": "…", "error_en": "…"} with the status. */
static enum MHD_Result fail(req *R, struct MHD_Connection *c, unsigned status, const char *zh, const char *en)
{
    json_t *o = json_pack("{s:s, s:s}", "error", zh, "error_en", en);
    char *s = o ? json_dumps(o, JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    struct MHD_Response *resp = s ? text("application/json; charset=utf-8", s, strlen(s), MHD_RESPMEM_MUST_FREE)
                                  : text("text/plain", "error", 5, MHD_RESPMEM_PERSISTENT);
    if (!resp)
        free(s);
    if (resp && status == MHD_HTTP_SERVICE_UNAVAILABLE)
        MHD_add_response_header(resp, "Retry-After", RETRY_AFTER);
    return respond(R, c, status, resp);
}

/* ---- POST /api/check ----------------------------------------------------------------- */

static enum MHD_Result check_begin(qb_server *S, req *R, struct MHD_Connection *c)
{
    R->route = ROUTE_CHECK;
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
        return fail(R, c, MHD_HTTP_BAD_REQUEST, "请求格式有误：请以 multipart/form-data 上传，文件放在字段 file 中",
                    "malformed request: send multipart/form-data with the file in field `file`");
    uint64_t limit = qb_serve_upload_limit(qb_serve_edition(&S->eds, NULL));
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl && strtoull(cl, NULL, 10) > limit + MULTIPART_SLACK) /* refused before a byte is stored */
        return fail(R, c, MHD_HTTP_CONTENT_TOO_LARGE, "文件超过申报包大小上限，未接收",
                    "the file is over the package size limit and was not accepted");
    if (!qb_serve_queue_admit(&S->queue))
        return fail(R, c, MHD_HTTP_SERVICE_UNAVAILABLE, "检查排队已满，请稍后再试",
                    "too many checks under way; try again shortly");
    R->admitted = 1;
    if (qb_serve_upload_start(&R->up, c, qb_serve_folder_take(&S->spares, S->uploads), limit) != QB_OK)
        return fail(R, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "服务器无法保存上传的文件",
                    "the server cannot store the upload");
    R->have_upload = 1;
    if (R->up.bad)
        return fail(R, c, MHD_HTTP_BAD_REQUEST, R->up.bad, R->up.bad_en);
    return MHD_YES;
}

static enum MHD_Result check_result(qb_server *S, req *R, struct MHD_Connection *c, qb_serve_result *res,
                                    int keep)
{
    switch (res->end) {
    case QB_JOB_DONE: break;
    case QB_JOB_TIMEOUT:
        return fail(R, c, MHD_HTTP_UNPROCESSABLE_CONTENT, "处理超时，已停止（文件可能过大或已损坏）",
                    "timed out and stopped (is the file too large or damaged?)");
    case QB_JOB_CRASHED:
        return fail(R, c, MHD_HTTP_UNPROCESSABLE_CONTENT, "检查该文件时程序异常终止，已停止",
                    "the check of this file died and was stopped");
    default:
        return fail(R, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "检查未能完成（内存或临时空间不足？）",
                    "the check could not run to the end (out of memory or temporary space?)");
    }
    memcpy(R->verdict, res->verdict, sizeof R->verdict);
    char id[QB_SERVE_ID_LEN + 1] = "";
    if (keep) {
        char *out = qb_asprintf("%s/%s", R->up.dir, QB_SERVE_OUT);
        if (!out || qb_serve_keep_add(&S->keep, out, id) != QB_OK)
            id[0] = '\0';
        free(out);
    }
    struct MHD_Response *resp = text("application/json; charset=utf-8", res->json, res->len, MHD_RESPMEM_MUST_FREE);
    if (!resp)
        return MHD_NO;
    res->json = NULL; /* the response owns it */
    if (id[0]) {
        char files[48];
        snprintf(files, sizeof files, "json%s%s", res->annotated ? ",annotated" : "", res->dossier ? ",dossier" : "");
        MHD_add_response_header(resp, "X-QB-Result", id);
        MHD_add_response_header(resp, "X-QB-Files", files);
        char keep[16];
        snprintf(keep, sizeof keep, "%d", S->o->keep_seconds);
        MHD_add_response_header(resp, "X-QB-Keep-Seconds", keep);
    }
    return respond(R, c, MHD_HTTP_OK, resp);
}

static enum MHD_Result check_end(qb_server *S, req *R, struct MHD_Connection *c)
{
    qb_serve_upload *u = &R->up;
    int ok = qb_serve_upload_finish(u) == 0;
    if (u->too_large)
        return fail(R, c, MHD_HTTP_CONTENT_TOO_LARGE, "文件超过申报包大小上限，未接收",
                    "the file is over the package size limit and was not accepted");
    if (!ok)
        return fail(R, c, MHD_HTTP_BAD_REQUEST, u->bad, u->bad_en);
    const qb_edition *ed = qb_serve_edition(&S->eds, u->edition);
    if (!ed)
        return fail(R, c, MHD_HTTP_BAD_REQUEST, "未知的规则版本（见 /api/editions）",
                    "unknown edition (see /api/editions)");
    qb_serve_job job = {.ed = ed, .dir = u->dir, .keep = u->keep, .name = u->name,
                        .budget = {.seconds = S->o->check_seconds, .mb = S->o->check_mb}};
    int slot = qb_serve_queue_begin(&S->queue);
    if (slot < 0)
        return fail(R, c, MHD_HTTP_SERVICE_UNAVAILABLE, "服务正在停止", "the server is stopping");
    qb_status st = qb_serve_check(&job, &S->queue, slot, &S->spares, &R->res);
    qb_serve_queue_end(&S->queue, slot);
    enum MHD_Result r = st == QB_OK ? check_result(S, R, c, &R->res, u->keep)
                                    : fail(R, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "服务器无法启动检查",
                                           "the server cannot start a check");
    return r; /* the upload's folder is removed once the answer is sent (completed) */
}

/* ---- GET ------------------------------------------------------------------------------- */

static enum MHD_Result result_file(qb_server *S, req *R, struct MHD_Connection *c, const char *rest)
{
    static const struct {
        const char *file, *type, *disposition;
    } files[] = {
        {QB_SERVE_JSON, "application/json; charset=utf-8",
         "attachment; filename=\"report.json\"; filename*=UTF-8''%E6%A3%80%E6%9F%A5%E7%BB%93%E6%9E%9C.json"},
        {QB_SERVE_ANNOTATED, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "attachment; filename=\"annotated.docx\"; filename*=UTF-8''%E6%89%B9%E6%B3%A8%E7%89%88.docx"},
        {QB_SERVE_DOSSIER, "application/pdf",
         "attachment; filename=\"dossier.pdf\"; filename*=UTF-8''%E5%8D%B7%E5%AE%97.pdf"},
    };
    const char *slash = strchr(rest, '/');
    char id[QB_SERVE_ID_LEN + 1];
    if (slash && slash - rest == QB_SERVE_ID_LEN) {
        memcpy(id, rest, QB_SERVE_ID_LEN);
        id[QB_SERVE_ID_LEN] = '\0';
        for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
            if (strcmp(slash + 1, files[i].file) != 0)
                continue;
            uint64_t size = 0;
            int fd = qb_serve_keep_open(&S->keep, id, files[i].file, &size);
            if (fd < 0)
                break;
            struct MHD_Response *resp = MHD_create_response_from_fd64(size, fd);
            if (!resp) {
                close(fd);
                return MHD_NO;
            }
            MHD_add_response_header(resp, "Content-Type", files[i].type);
            MHD_add_response_header(resp, "Content-Disposition", files[i].disposition);
            return respond(R, c, MHD_HTTP_OK, resp);
        }
    }
    return fail(R, c, MHD_HTTP_NOT_FOUND, "结果不存在或已过期删除", "no such result, or it has expired and was deleted");
}

static enum MHD_Result get(qb_server *S, req *R, struct MHD_Connection *c, const char *url)
{
    const qb_serve_asset *a = qb_serve_asset_find(url);
    if (a)
        return respond(R, c, MHD_HTTP_OK, text(a->type, (const char *)a->data, a->len, MHD_RESPMEM_PERSISTENT));
    if (strcmp(url, "/api/editions") == 0) {
        char *s = qb_serve_editions_json(&S->eds);
        if (!s)
            return MHD_NO;
        return respond(R, c, MHD_HTTP_OK, text("application/json; charset=utf-8", s, strlen(s), MHD_RESPMEM_MUST_FREE));
    }
    if (strncmp(url, "/api/result/", 12) == 0)
        return result_file(S, R, c, url + 12);
    if (strcmp(url, "/favicon.ico") == 0) /* asked by every browser: none, and no error */
        return respond(R, c, MHD_HTTP_NO_CONTENT, MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT));
    return fail(R, c, MHD_HTTP_NOT_FOUND, "没有这个页面", "not found");
}

/* ---- the connection ------------------------------------------------------------------- */

static void client_of(struct MHD_Connection *c, char *out, size_t cap)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, cap, "-");
    if (!ci || !ci->client_addr)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, (socklen_t)cap);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, (socklen_t)cap);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *data, size_t *size, void **con_cls)
{
    (void)version;
    qb_server *S = cls;
    req *R = *con_cls;
    if (!R) { /* the headers are in */
        if (!(R = calloc(1, sizeof *R)))
            return MHD_NO;
        *con_cls = R;
        R->t0 = qb_now();
        R->up.fd = -1;
        client_of(c, R->client, sizeof R->client);
        snprintf(R->method, sizeof R->method, "%s", method);
        R->path = qb_strdup(url);
        int is_get = strcmp(method, MHD_HTTP_METHOD_GET) == 0 || strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
        if (strcmp(url, "/api/check") == 0) {
            if (strcmp(method, MHD_HTTP_METHOD_POST) == 0)
                return check_begin(S, R, c);
            return fail(R, c, MHD_HTTP_METHOD_NOT_ALLOWED, "请用 POST 上传文件", "use POST to send a file");
        }
        if (!is_get)
            return fail(R, c, MHD_HTTP_METHOD_NOT_ALLOWED, "不支持的请求方法", "method not allowed");
        return MHD_YES; /* answered when the (empty) body is in */
    }
    if (R->route == ROUTE_CHECK) {
        if (*size) {
            R->bytes += *size;
            /* over the limit, the rest is read and dropped, not stored: libmicrohttpd 0.9.75
             * cannot answer before the body is in (it closes the connection instead) —
             * which is what a client still sending at twice the limit gets */
            if (!R->answered)
                qb_serve_upload_feed(&R->up, data, *size);
            *size = 0;
            if (R->up.too_large && R->bytes > 2 * R->up.limit + MULTIPART_SLACK) {
                R->status = MHD_HTTP_CONTENT_TOO_LARGE;
                return MHD_NO;
            }
            return MHD_YES;
        }
        return R->answered ? MHD_YES : check_end(S, R, c);
    }
    if (*size) { /* a body sent with a GET: not read */
        *size = 0;
        return MHD_YES;
    }
    return R->answered ? MHD_YES : get(S, R, c, url);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode why)
{
    (void)c;
    (void)why;
    qb_server *S = cls;
    req *R = *con_cls;
    if (!R)
        return;
    /* the child's exit and the folder's removal go to the keeper: the next request on
     * this connection does not wait for them */
    char *dir = R->have_upload ? R->up.dir : NULL;
    if (R->have_upload) {
        R->up.dir = NULL;
        qb_serve_upload_free(&R->up);
    }
    qb_serve_after(&S->spares, R->res.pid, R->res.deadline, dir);
    R->res.pid = 0;
    qb_serve_result_free(&R->res);
    if (R->admitted)
        qb_serve_queue_leave(&S->queue);
    qb_serve_log_request(R->client, R->method, R->path, R->status, R->bytes, R->verdict, (qb_now() - R->t0) * 1000);
    free(R->path);
    free(R);
    *con_cls = NULL;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    size_t n = strlen(buf);
    while (n && buf[n - 1] == '\n')
        buf[--n] = '\0';
    qb_serve_log("qb-serve: libmicrohttpd: %s", buf);
}

/* "ADDR:PORT" or "[ADDR]:PORT", numeric. */
static struct addrinfo *parse_listen(const char *s)
{
    const char *colon = strrchr(s, ':');
    if (!colon || !colon[1])
        return NULL;
    char host[128];
    size_t hl = (size_t)(colon - s);
    if (hl >= 2 && s[0] == '[' && s[hl - 1] == ']') {
        s++;
        hl -= 2;
    }
    if (hl == 0 || hl >= sizeof host)
        return NULL;
    memcpy(host, s, hl);
    host[hl] = '\0';
    for (const char *p = colon + 1; *p; p++)
        if (*p < '0' || *p > '9')
            return NULL;
    struct addrinfo hints = {.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE, .ai_socktype = SOCK_STREAM};
    struct addrinfo *ai = NULL;
    if (getaddrinfo(host, colon + 1, &hints, &ai) != 0)
        return NULL;
    return ai;
}

qb_status qb_serve_http_start(qb_server *S, char **why, char **why_en)
{
    struct addrinfo *ai = parse_listen(S->o->listen);
    if (!ai) {
        *why = qb_asprintf("--listen %s：应为 地址:端口，如 127.0.0.1:8080", S->o->listen);
        *why_en = qb_asprintf("--listen %s: expected ADDR:PORT, e.g. 127.0.0.1:8080", S->o->listen);
        return QB_ERR_USAGE;
    }
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ITC |
                     MHD_USE_ERROR_LOG | (ai->ai_family == AF_INET6 ? MHD_USE_IPv6 : 0);
    unsigned limit = (unsigned)(S->o->workers + S->o->queue + EXTRA_CONNECTIONS);
    S->d = MHD_start_daemon(flags, 0, NULL, NULL, handle, S, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
                            MHD_OPTION_SOCK_ADDR, ai->ai_addr, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT,
                            MHD_OPTION_CONNECTION_LIMIT, limit, MHD_OPTION_NOTIFY_COMPLETED, completed, S,
                            MHD_OPTION_END);
    freeaddrinfo(ai);
    if (!S->d) {
        *why = qb_asprintf("无法在 %s 上监听（地址有误或已被占用？）", S->o->listen);
        *why_en = qb_asprintf("cannot listen on %s (a wrong address, or one in use?)", S->o->listen);
        return QB_ERR_USAGE;
    }
    return QB_OK;
}

unsigned qb_serve_http_port(const qb_server *S)
{
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(S->d, MHD_DAEMON_INFO_BIND_PORT);
    return di ? di->port : 0;
}

void qb_serve_http_quiesce(qb_server *S)
{
    MHD_socket fd = MHD_quiesce_daemon(S->d);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
}

void qb_serve_http_stop(qb_server *S)
{
    if (S->d)
        MHD_stop_daemon(S->d);
    S->d = NULL;
}
