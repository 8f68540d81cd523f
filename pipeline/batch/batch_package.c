/* batch_package.c — one package's outputs: in the child, the whole check (check.h) and
 * its reports and dossier, exactly as qb-check writes them; in the parent, the error
 * outputs of a package whose child timed out or crashed. */
#include "batch_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "render.h"
#include "report.h"
#include "tmpdir.h"
#include "unpack.h"
#include "utf8.h"

/* The stamp every output of this run starts from. */
static void stamp_init(const qb_batch_ctx *c, const qb_batch_item *it, qb_batch_stamp *s)
{
    memset(s, 0, sizeof *s);
    s->format = QB_BATCH_FORMAT;
    s->input = it->display;
    s->edition = c->o->ed->name;
    memcpy(s->edition_sha, c->edition_sha, sizeof s->edition_sha);
    strcpy(s->lang, c->o->lang_en ? "en" : "zh");
    s->outcome = "started";
    s->status = "error";
    /* the date received, as the record has it: the input's mtime, UTC */
    struct tm tm;
    time_t t = it->mtime;
    gmtime_r(&t, &tm);
    strftime(s->received, sizeof s->received, "%Y-%m-%d", &tm);
    strftime(s->received_at, sizeof s->received_at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    snprintf(s->limits, sizeof s->limits, "%ds %luMB", c->o->package_seconds, c->o->package_mb);
    s->version = QB_BATCH_VERSION;
    s->dossier = 1;
}

static qb_status stamp_write(const qb_batch_stamp *s, const char *dir)
{
    char *p = qb_asprintf("%s/%s", dir, QB_BATCH_STAMP);
    qb_status st = p ? qb_batch_stamp_write(s, p) : QB_ERR_NOMEM;
    free(p);
    return st;
}

/* report.json and report.html. The input is named as qb-check names it (the file name
 * as given); a name that is not UTF-8 cannot go into JSON, so people's form is used. */
static qb_status write_reports(qb_report *rep, const qb_batch_item *it, const char *dir)
{
    rep->input = qb_utf8_valid(it->name, strlen(it->name), NULL) ? it->name : it->display;
    char *pj = qb_asprintf("%s/%s", dir, QB_BATCH_REPORT_JSON);
    char *ph = qb_asprintf("%s/%s", dir, QB_BATCH_REPORT_HTML);
    qb_status st = pj && ph ? QB_OK : QB_ERR_NOMEM;
    for (int k = 0; k < 2 && st == QB_OK; k++) {
        FILE *f = fopen(k ? ph : pj, "w");
        st = !f ? QB_ERR_IO : k ? qb_report_html(rep, f) : qb_report_json(rep, f);
        if (f && fclose(f) != 0 && st == QB_OK)
            st = QB_ERR_IO;
    }
    free(pj);
    free(ph);
    return st;
}

/* The dossier of an input that could not be checked: cover and the finding, nothing of
 * the input attached (it may be what broke the child). */
static qb_status error_dossier(const qb_batch_ctx *c, const qb_batch_stamp *s, const qb_findings *fs,
                               const char *dir)
{
    char id[13] = "";
    if (s->sha256[0])
        memcpy(id, s->sha256, 12);
    qb_render_input in = {.ed = c->o->ed, .findings = fs, .package_id = id[0] ? id : NULL,
                          .received = s->received, .status = "error"};
    char *pdf = qb_asprintf("%s/%s", dir, QB_BATCH_DOSSIER);
    qb_findings warnings = {0};
    qb_status st = pdf ? qb_render_dossier(&in, pdf, &warnings, NULL) : QB_ERR_NOMEM;
    qb_findings_free(&warnings);
    free(pdf);
    return st;
}

/* Reports, dossier and stamp of an input that has no check result: one finding says
 * why. s->complete says whether a rerun may keep it. */
static qb_status write_synthetic(const qb_batch_ctx *c, const qb_batch_item *it, const char *dir,
                                 qb_batch_stamp *s, const char *status, const char *rule, const char *zh,
                                 const char *en)
{
    qb_findings fs = {0};
    qb_status st = qb_findings_add(&fs, rule, QB_SEV_ERROR, NULL, NULL, 0, NULL, zh, en);
    qb_report rep = {.ed = c->o->ed, .findings = &fs, .processed = 0, .lang_en = c->o->lang_en};
    if (st == QB_OK)
        st = write_reports(&rep, it, dir);
    if (st == QB_OK && s->dossier && error_dossier(c, s, &fs, dir) != QB_OK)
        s->complete = 0;
    s->status = status;
    s->errors = 1;
    s->warnings = 0;
    s->note = c->o->lang_en ? en : zh;
    if (st == QB_OK)
        st = stamp_write(s, dir);
    s->note = NULL;
    qb_findings_free(&fs);
    return st;
}

/* The check as qb-check runs it, and what qb-check --json, --html and --pdf write. */
static qb_status write_checked(const qb_batch_ctx *c, const qb_batch_item *it, const char *dir,
                               qb_batch_stamp *s, qb_check_result *res)
{
    qb_report rep;
    qb_report_of_record(&rep, res, c->o->ed, c->o->lang_en); /* as qb-check reports it */
    qb_status st = write_reports(&rep, it, dir);
    if (st != QB_OK)
        return st;
    char *pdf = qb_asprintf("%s/%s", dir, QB_BATCH_DOSSIER);
    qb_findings warnings = {0};
    qb_status pst = pdf ? qb_render_record(res, c->o->ed, NULL, pdf, &warnings) : QB_ERR_NOMEM;
    if (pst == QB_ERR_NOMEM) { /* the machine's limit, not the documents': a 内存不足 row */
        qb_findings_free(&warnings);
        free(pdf);
        return QB_ERR_NOMEM;
    }
    /* the note: why it could not be processed, and whether the dossier is missing (the
     * check stands; the dossier is tried again next run) */
    const char *reason = res->processed ? NULL : c->o->lang_en ? res->reason_en : res->reason;
    size_t nl = strlen(it->name);
    const char *colon = c->o->lang_en ? ": " : "：";
    if (reason && strncmp(reason, it->name, nl) == 0 && strncmp(reason + nl, colon, strlen(colon)) == 0)
        reason += nl + strlen(colon); /* the input's own name: the log line starts with it already */
    char *note = reason ? qb_strdup(reason) : NULL;
    if (pst != QB_OK) {
        const char *why = warnings.n ? (c->o->lang_en ? warnings.v[0].message_en : warnings.v[0].message)
                                     : c->o->lang_en ? qb_status_str(pst) : qb_status_zh(pst);
        char *n2 = qb_asprintf(c->o->lang_en ? "%s%sthe dossier could not be written: %s" : "%s%s卷宗未能生成：%s",
                               note ? note : "", note ? (c->o->lang_en ? "; " : "；") : "", why);
        free(note);
        note = n2;
    }
    qb_findings_free(&warnings);
    free(pdf);
    s->outcome = "checked";
    s->status = qb_report_status(&rep);
    /* A package the check could not open (damaged, encrypted, too large …) has an
     * error finding against it: the applicant's to fix, 不通过 whichever reader found
     * the damage. 无法处理 stays for what is not the applicant's (batch_run.c). */
    if (strcmp(s->status, "error") == 0 && qb_findings_count(&res->findings, QB_SEV_ERROR) > 0)
        s->status = "fail";
    s->applicant = qb_batch_field_applicant(res);
    s->scope = qb_batch_field_scope(res);
    s->name = qb_batch_field_name(res);
    s->contact = qb_batch_field_contact(res);
    s->phone = qb_batch_field_phone(res);
    s->errors = (long)qb_findings_count(&res->findings, QB_SEV_ERROR);
    s->warnings = (long)qb_findings_count(&res->findings, QB_SEV_WARNING);
    s->complete = pst == QB_OK;
    s->note = note;
    st = stamp_write(s, dir);
    s->note = NULL;
    s->applicant = s->scope = s->name = s->contact = s->phone = NULL;
    free(note);
    return st;
}

/* Why an input is not read at all (*rule set, *zh / *en allocated), or *rule NULL: a
 * link (never followed: it could point anywhere on the machine), a volume of a set that
 * is a link, a special file, more bytes than the edition allows (refused before they
 * are hashed). */
static qb_status refusal(const qb_batch_item *it, const qb_unpack_limits *lim, uint64_t size, const char *link,
                         const char **rule, char **zh, char **en)
{
    *rule = NULL;
    if (it->kind == QB_ITEM_LINK) {
        *rule = "package.unsafe-entry";
        *zh = qb_strdup("是链接（符号链接），不是文件本身；它指向的文件未读取，请放入申报压缩包本身");
        *en = qb_strdup("a symbolic link, not a file: what it points to was not read; put the package itself here");
    } else if (link) {
        *rule = "package.unsafe-entry";
        *zh = qb_asprintf("分卷“%s”是链接（符号链接），不是文件本身；未读取，请放入分卷文件本身", link);
        *en = qb_asprintf("volume %s is a symbolic link, not a file: not read; put the volume itself here", link);
    } else if (it->kind == QB_ITEM_OTHER) {
        *rule = "package.format";
        *zh = qb_strdup("不是普通文件或文件夹（设备、管道等），未读取；请放入申报压缩包本身");
        *en = qb_strdup("not a regular file or folder (a device, a pipe …): not read; put the package itself here");
    } else if (it->kind == QB_ITEM_FILE && size > lim->max_size) {
        *rule = "package.too-large";
        *zh = qb_asprintf("文件大小为 %.1f MB，超过了 %llu MB 的上限，未读取", (double)size / 1048576.0,
                          (unsigned long long)(lim->max_size >> 20));
        *en = qb_asprintf("the input is %.1f MB, over the %llu MB limit: not read", (double)size / 1048576.0,
                          (unsigned long long)(lim->max_size >> 20));
    }
    return !*rule || (*zh && *en) ? QB_OK : QB_ERR_NOMEM;
}

/* Did the check run out of memory somewhere (a reader under the limit, the converter)?
 * Then its findings are the machine's, not the documents'. */
static int ran_out_of_memory(const qb_record *r)
{
    for (size_t i = 0; i < r->findings.n; i++)
        if (r->findings.v[i].message && strstr(r->findings.v[i].message, "内存不足"))
            return 1;
    for (size_t i = 0; r->have_pkg && i < r->pkg.n; i++)
        if (r->pkg.m[i].why_zh && strstr(r->pkg.m[i].why_zh, "内存不足"))
            return 1;
    return 0;
}

/* The row of a package that ran out of memory: 无法处理, tried again next run. */
static qb_status write_memory(const qb_batch_ctx *c, const qb_batch_item *it, const char *dir, qb_batch_stamp *s)
{
    char *zh = qb_asprintf("内存不足：检查时超出了 %lu MB 的内存上限，已停止；这不是申报材料的问题，"
                           "下次运行将重新检查（可用 --package-memory 提高上限）", c->o->package_mb);
    char *en = qb_asprintf("out of memory: the check went over the %lu MB limit and was stopped; not a "
                           "problem of the documents, the next run tries again (--package-memory)", c->o->package_mb);
    s->outcome = "memory";
    s->complete = 0;
    qb_status st = zh && en ? write_synthetic(c, it, dir, s, "error", "batch.memory", zh, en) : QB_ERR_NOMEM;
    free(zh);
    free(en);
    return st;
}

/* Empty a folder (it stays). */
static qb_status empty_dir(const char *dir)
{
    qb_tree_remove(dir);
    return mkdir(dir, 0755) == 0 ? QB_OK : QB_ERR_IO;
}

int qb_batch_child(const qb_batch_ctx *c, const qb_batch_item *it, const char *dir, const char *prev)
{
    qb_batch_stamp s;
    stamp_init(c, it, &s);
    /* the size before the bytes: an input over the limit is refused unread */
    qb_unpack_limits lim;
    qb_unpack_limits_from_edition(c->o->ed, &lim);
    uint64_t size = 0;
    char *link = NULL; /* a volume that is a link */
    if (it->kind == QB_ITEM_FILE && qb_batch_input_probe(it, &size, &link) != QB_OK)
        size = 0; /* unreadable: the check says so */
    int unread = (it->kind != QB_ITEM_FILE && it->kind != QB_ITEM_DIR) || link || size > lim.max_size;
    char *volumes = NULL;
    if (unread || qb_batch_fingerprint(it, lim.max_size, s.sha256, &volumes) != QB_OK)
        s.sha256[0] = '\0'; /* unreadable: the check says so */
    s.volumes = volumes;
    if (qb_batch_stamp_current(prev, &s)) {
        free(link);
        free(volumes);
        return QB_BATCH_CHILD_SKIPPED;
    }
    /* what the parent needs if this child does not come back */
    qb_status st = stamp_write(&s, dir);
    const char *rule = NULL;
    char *zh = NULL, *en = NULL;
    if (st == QB_OK)
        st = refusal(it, &lim, size, link, &rule, &zh, &en);
    const char *stray = st == QB_OK && !rule ? qb_batch_stray_kind(it, c->o->lang_en) : NULL;
    if (st == QB_OK && rule) {
        s.outcome = "checked";
        s.complete = 1;
        /* too large is the applicant's to fix; a link or a device is the inbox's */
        st = write_synthetic(c, it, dir, &s, strcmp(rule, "package.too-large") == 0 ? "fail" : "error", rule,
                             zh, en);
    } else if (st == QB_OK && stray) {
        zh = qb_asprintf("不是申报包、文件夹或 Word 文件（这是%s），未检查；如属申报材料，请放入申报单位的压缩包",
                         stray);
        en = qb_asprintf("not a package, a folder or a Word file (this is %s): not checked; if it belongs to an "
                         "application, put it into that applicant's package", stray);
        s.outcome = "stray";
        s.complete = 1;
        s.dossier = 0;
        st = zh && en ? write_synthetic(c, it, dir, &s, "error", "batch.stray", zh, en) : QB_ERR_NOMEM;
    } else if (st == QB_OK) {
        qb_check_result res;
        qb_status cst = qb_check_input(it->path, c->o->ed, &res);
        if (cst == QB_ERR_NOMEM || (cst == QB_OK && ran_out_of_memory(&res))) {
            st = write_memory(c, it, dir, &s);
        } else if (cst == QB_OK) {
            st = write_checked(c, it, dir, &s, &res);
            if (st == QB_ERR_NOMEM && (st = empty_dir(dir)) == QB_OK) /* the dossier ran out */
                st = write_memory(c, it, dir, &s);
        } else { /* the check itself broke (no working folder): try again next run */
            zh = qb_asprintf("程序异常：检查未能完成（%s），下次运行将重试", qb_status_zh(cst));
            en = qb_asprintf("program failure: the check could not run to the end (%s); the next run tries again",
                             qb_status_str(cst));
            s.outcome = "failed";
            st = zh && en ? write_synthetic(c, it, dir, &s, "error", "batch.failed", zh, en) : QB_ERR_NOMEM;
        }
        qb_check_result_free(&res);
    }
    free(zh);
    free(en);
    free(link);
    free(volumes);
    return st == QB_OK ? 0 : QB_BATCH_CHILD_FAILED;
}

qb_status qb_batch_write_error(const qb_batch_ctx *c, const qb_batch_item *it, const char *dir,
                               const char *outcome, const char *rule, const char *zh, const char *en)
{
    qb_batch_stamp s, child;
    stamp_init(c, it, &s);
    char *p = qb_asprintf("%s/%s", dir, QB_BATCH_STAMP);
    int known = p && qb_batch_stamp_read(p, &child) == QB_OK;
    free(p);
    if (known) { /* the child had hashed the input before it stopped */
        memcpy(s.sha256, child.sha256, sizeof s.sha256);
        s.volumes = child.volumes;
    }
    s.outcome = outcome;
    s.complete = 0; /* a crash or a timeout is tried again by the next run */
    qb_status st = empty_dir(dir);
    if (st == QB_OK)
        st = write_synthetic(c, it, dir, &s, "error", rule, zh, en);
    if (known)
        qb_batch_stamp_free(&child);
    return st;
}
