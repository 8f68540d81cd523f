/* serve_int.h — what the serve_*.c files share (design in serve.h). */
#ifndef QB_SERVE_INT_H
#define QB_SERVE_INT_H

#include <microhttpd.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>

#include "child.h"
#include "edition.h"
#include "serve.h"

/* ---- editions (serve_editions.c) ------------------------------------------------ */

/* Every edition of the rules folder, and the server's default (a name or a file: a
 * file whose edition has the name of one in the folder takes its place). */
typedef struct {
    qb_edition *v;
    size_t n, dflt;
} qb_serve_editions;

qb_status qb_serve_editions_load(const char *dflt, qb_serve_editions *E, char **why, char **why_en);
void qb_serve_editions_free(qb_serve_editions *E);
/* The edition called name (NULL or "": the default); NULL when there is none. */
const qb_edition *qb_serve_edition(const qb_serve_editions *E, const char *name);
/* GET /api/editions: {"default": …, "editions": [{name, title, limits, max_size_mb}]}.
 * Caller frees; NULL when out of memory. */
char *qb_serve_editions_json(const qb_serve_editions *E);
/* Bytes an upload may have under an edition: its package size limit. */
uint64_t qb_serve_upload_limit(const qb_edition *ed);

/* ---- the queue (serve_queue.c) --------------------------------------------------- */

/* Requests to /api/check are admitted while fewer than workers + queue are under way
 * (uploading, waiting or being checked); a check starts when one of the workers is
 * free. Each running check holds a slot where its child's pid is kept, so a stop can
 * kill them. */
typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int workers, queue;
    int admitted, running, stopping;
    pid_t *pids;  /* per worker slot: the child being waited for, 0 none */
    int *busy;
} qb_serve_queue;

qb_status qb_serve_queue_init(qb_serve_queue *q, int workers, int queue);
void qb_serve_queue_free(qb_serve_queue *q);
/* 1 when the request may go on; 0 when the queue is full or the server stops. */
int qb_serve_queue_admit(qb_serve_queue *q);
/* An admitted request is over. */
void qb_serve_queue_leave(qb_serve_queue *q);
/* Wait for a free worker; its slot (>= 0), or -1 when the server stops. */
int qb_serve_queue_begin(qb_serve_queue *q);
void qb_serve_queue_end(qb_serve_queue *q, int slot);
/* The child a slot waits for (0: none). */
void qb_serve_queue_set_pid(qb_serve_queue *q, int slot, pid_t pid);
/* No more admissions; waiting requests give up. */
void qb_serve_queue_stop(qb_serve_queue *q);
/* Wait up to seconds for every admitted request to end; 1 when they have. */
int qb_serve_queue_drain(qb_serve_queue *q, double seconds);
/* Kill the children still running. */
void qb_serve_queue_kill(qb_serve_queue *q);

/* ---- one check in a child (serve_check.c) ----------------------------------------- */

/* Files of a request's private folder. */
#define QB_SERVE_IN "in"             /* the upload, under the client's name (qb_serve_name_ok)
                                      * or else QB_SERVE_UPLOAD */
#define QB_SERVE_UPLOAD "upload"
#define QB_SERVE_OUT "out"           /* what the child writes when asked to keep: */
#define QB_SERVE_JSON "report.json"
#define QB_SERVE_ANNOTATED "annotated.docx"
#define QB_SERVE_DOSSIER "dossier.pdf"

typedef struct {
    const qb_edition *ed;
    const char *dir;      /* the request's private folder: the upload in QB_SERVE_IN, and the
                           * child's temporary folders */
    const char *name;     /* the upload's name in QB_SERVE_IN */
    int keep;             /* also the annotated draft and the dossier */
    qb_child_budget budget;
} qb_serve_job;

typedef enum {
    QB_JOB_DONE = 0,    /* json holds what qb-check --json prints */
    QB_JOB_BROKEN,      /* the check itself broke (qb-check would print nothing, exit 2) */
    QB_JOB_TIMEOUT,     /* out of time: the child was killed */
    QB_JOB_CRASHED      /* the child died on a signal (out of memory, a reader's crash) */
} qb_job_end;

typedef struct {
    qb_job_end end;
    char verdict[8];      /* "pass", "fail", "error" */
    char *json;           /* QB_JOB_DONE: the report */
    size_t len;
    int annotated, dossier; /* written into dir/out */
    pid_t pid;            /* the child, done but not yet reaped; 0 none */
    double deadline;
} qb_serve_result;

/* Run the check of j in a child (a spare, or one forked now) that holds queue slot
 * `slot`. QB_OK whenever r->end says what became of it; QB_ERR_IO / QB_ERR_NOMEM when no
 * child could run. */
struct qb_serve_spares;
qb_status qb_serve_check(const qb_serve_job *j, qb_serve_queue *q, int slot, struct qb_serve_spares *sp,
                         qb_serve_result *r);
/* Reap a child, killing it (and its group) when it outlives the deadline. */
void qb_serve_reap(pid_t pid, double deadline);
/* The same without waiting: 1 when it has been reaped. */
int qb_serve_reaped(pid_t pid, double deadline);
/* Free; the child of a done result must have been handed to qb_serve_after (r->pid 0). */
void qb_serve_result_free(qb_serve_result *r);

/* In a child: the check of j, its answer on fd; never returns. */
void qb_serve_child_main(const qb_serve_job *j, pid_t server, int fd) __attribute__((noreturn));

/* ---- spare children (serve_spare.c) --------------------------------------------- */

typedef struct {
    pid_t pid;
    int job, result;  /* pipes: the job to it, its answer from it */
} qb_spare;

typedef struct qb_after qb_after;
typedef struct qb_serve_spares {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    qb_spare *v;
    int n, want, stopping, started, failed;
    int most;            /* spares (and folders) kept when the server is idle; want while busy */
    int checks;          /* checks under way (qb_serve_spares_busy) */
    double last_busy;    /* when a check last started or ended (qb_now) */
    qb_after *after;  /* children to reap and folders to remove */
    size_t nafter, aftercap;
    pid_t server;
    pthread_t thread;
    pthread_mutex_t zmu; /* one question to the zygote at a time */
    int zygote;          /* socket to the zygote, -1 none */
    char *warm_up;       /* the document a spare checks while it waits, or NULL */
    pid_t zpid;
    const char *root;    /* where requests' folders are made (qb_serve_request_dir) */
    char **ready;        /* folders made ahead, as many as spares at most */
    int nready, ready_failed;
} qb_serve_spares;

/* Fork the zygote that forks the spares (serve_spare.c), holding the editions E; in the
 * main thread, before any other thread starts. Then qb_serve_spares_stop, always. */
qb_status qb_serve_spares_init(qb_serve_spares *sp, const qb_serve_editions *E);
/* Keep spares ready, and as many requests' folders under root, made by a thread of their
 * own: `want` (the workers) at least, at once; qb_serve_spares_most(want) once no check
 * runs, for a burst of requests. */
qb_status qb_serve_spares_start(qb_serve_spares *sp, int want, const char *root);
/* The spares kept when the server is quiet: twice as many again as the workers, 8 more
 * at most (each holds a few MB of its own). */
int qb_serve_spares_most(int want);
/* A check starts (+1) or ends (-1): spares beyond `want` are made only while none runs. */
void qb_serve_spares_busy(qb_serve_spares *sp, int delta);
/* Start one spare now (asked of the zygote); 0 on success. */
int qb_serve_spare_spawn(qb_serve_spares *sp, qb_spare *s);

/* A request's folder under root (qb_serve_request_dir): one made ahead, else one made
 * now; NULL when none can be made. */
char *qb_serve_folder_take(qb_serve_spares *sp, const char *root);
/* Take a spare (1), or none is ready (0: start one with qb_serve_spare_spawn). */
int qb_serve_spare_take(qb_serve_spares *sp, qb_spare *s);
/* Hand it its job; 0 when sent. */
int qb_serve_spare_give(qb_spare *s, const qb_serve_job *j);
/* After an answer, off the request's path: reap the child pid (0: none) and remove dir
 * (taken over; may be NULL). */
void qb_serve_after(qb_serve_spares *sp, pid_t pid, double deadline, char *dir);
/* The spares left end, what is waiting is cleaned up, the thread is joined. */
void qb_serve_spares_stop(qb_serve_spares *sp);

/* ---- kept results (serve_keep.c) -------------------------------------------------- */

#define QB_SERVE_ID_LEN 32  /* hex digits: 128 random bits */

typedef struct qb_kept qb_kept;
typedef struct {
    pthread_mutex_t mu;
    char *root;           /* folder of the kept results, one sub-folder per id */
    int seconds;
    qb_kept *v;
    size_t n, cap;
} qb_serve_keep;

qb_status qb_serve_keep_init(qb_serve_keep *k, const char *root, int seconds);
void qb_serve_keep_free(qb_serve_keep *k);
/* Move the folder out under a new id (id: QB_SERVE_ID_LEN hex digits and a NUL). */
qb_status qb_serve_keep_add(qb_serve_keep *k, const char *out, char id[QB_SERVE_ID_LEN + 1]);
/* Open a kept file (file: one of the QB_SERVE_* names); -1 when unknown or expired. */
int qb_serve_keep_open(qb_serve_keep *k, const char *id, const char *file, uint64_t *size);
/* Delete what has expired. */
void qb_serve_keep_sweep(qb_serve_keep *k);

/* ---- the upload (serve_upload.c) -------------------------------------------------- */

typedef struct {
    struct MHD_PostProcessor *pp;
    char *dir;            /* the request's private folder (made by qb_serve_upload_start) */
    int fd;               /* the upload file while it is written, else -1 */
    uint64_t size, limit;
    char *filename;       /* the client's name for it, or NULL */
    const char *name;     /* the name it is stored and checked under: the last component
                           * of filename when qb_serve_name_ok, else QB_SERVE_UPLOAD */
    char *path;           /* where it is stored */
    char edition[64];
    size_t edition_len;
    int keep;
    int files;            /* file parts seen */
    int too_large;        /* over the limit: the partial file is gone */
    const char *bad, *bad_en; /* why the request is malformed, or NULL */
} qb_serve_upload;

/* A request's private folder under root, r-XXXXXX with its in/ (QB_SERVE_IN) made: the
 * path, or NULL. */
char *qb_serve_request_dir(const char *root);
/* Take the request's folder dir (made by qb_serve_request_dir; NULL: none could be made)
 * and start a post processor for the connection's body. */
qb_status qb_serve_upload_start(qb_serve_upload *u, struct MHD_Connection *c, char *dir, uint64_t limit);
/* Take a chunk of the body. */
void qb_serve_upload_feed(qb_serve_upload *u, const char *data, size_t n);
/* The body is complete: 0 when a file arrived whole and the request is well formed
 * (else u->bad says why, or u->too_large). */
int qb_serve_upload_finish(qb_serve_upload *u);
/* Remove the folder and all it holds. */
void qb_serve_upload_free(qb_serve_upload *u);
/* Write all n bytes (retrying short writes); 0 on success. */
int qb_serve_write_all(int fd, const char *s, size_t n);

/* ---- the page (serve_page.c) ------------------------------------------------------- */

typedef struct {
    const char *path, *type;
    const unsigned char *data;
    size_t len;
} qb_serve_asset;

/* The file of the page served at path, or NULL. */
const qb_serve_asset *qb_serve_asset_find(const char *path);

/* ---- the log (serve_log.c) --------------------------------------------------------- */

/* One line on stderr, written with a single write(2): the log never takes stdio's lock,
 * which a forked child would inherit held. */
void qb_serve_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The request's line: time, client, method, path, status, bytes received, verdict, ms. */
void qb_serve_log_request(const char *client, const char *method, const char *path, unsigned status,
                          uint64_t bytes, const char *verdict, double ms);

/* ---- HTTP (serve_http.c) ----------------------------------------------------------- */

typedef struct {
    const qb_serve_opts *o;
    qb_serve_editions eds;
    qb_serve_queue queue;
    qb_serve_keep keep;
    qb_serve_spares spares;
    char *root;           /* the server's private temporary folder */
    char *uploads;        /* root/requests: one private folder per upload */
    struct MHD_Daemon *d;
} qb_server;

/* Start listening; QB_ERR_USAGE with *why when the address is malformed or taken. */
qb_status qb_serve_http_start(qb_server *S, char **why, char **why_en);
/* Stop accepting connections (the ones under way go on). */
void qb_serve_http_quiesce(qb_server *S);
void qb_serve_http_stop(qb_server *S);
/* The port listened on (the one picked when port 0 was asked). */
unsigned qb_serve_http_port(const qb_server *S);

#endif
