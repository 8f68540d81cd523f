/* render_model — the dossier of a write-up built here in code (so every paragraph,
 * table row and picture is known), checked with poppler's tools as a reviewer's
 * viewer would read it: A4 pages, both faces embedded, the write-up's text back in
 * order, a long table's header row on every page it continues on, no line starting
 * with a closing mark, a character no face has marked and reported, pictures drawn
 * (an EXIF-rotated photo upright), the original attached under an ASCII name, and
 * the same bytes from a second run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "layout.h"
#include "render.h"
#include "tap.h"
#include "utf8.h"
#include "xmlsafe.h"

static char tmpdir[256];

static size_t add_para(qb_doc *d, const char *text, qb_where where, int table, int row, int cell)
{
    size_t i;
    if (qb_doc_add_para(d, where, table, &i) != QB_OK)
        exit(1);
    qb_para *p = &d->paras[i];
    p->row = row;
    p->cell = cell;
    qb_rfmt f;
    qb_rfmt_init(&f);
    f.size_hp = 24;
    f.bold = 0;
    snprintf(f.font_ea, sizeof f.font_ea, "宋体");
    if (*text && qb_para_add_run(p, text, strlen(text), &f) != QB_OK)
        exit(1);
    return i;
}

static void section(qb_doc *d, qb_secid s, size_t head, size_t first, size_t end)
{
    d->sec[s].found = 1;
    d->sec[s].head = head;
    d->sec[s].first = first;
    d->sec[s].end = end;
    d->sec[s].count = d->sec[s].words = d->sec[s].chars = (long)(end - first) * 60;
    d->sec[s].limit = s == QB_SEC_PRACTICE ? 8000 : 500;
}

/* Sentences that differ paragraph by paragraph, with the marks kinsoku is about. */
static char *body_text(int n)
{
    static const char *const parts[] = {
        "公司围绕顾客需求建立质量目标，", "通过（六西格玛）方法识别关键质量特性。", "项目团队运用“测量—分析—改进”循环，",
        "缺陷率下降了百分之三十；", "《质量手册》规定了评审流程：", "每季度开展一次内部审核！", "ISO 9001 体系持续有效，",
        "合格率达到 99.5%。"};
    char buf[1024];
    int o = snprintf(buf, sizeof buf, "第%d段：", n);
    for (int k = 0; k < 6; k++)
        o += snprintf(buf + o, sizeof buf - (size_t)o, "%s", parts[(n * 3 + k) % 8]);
    return qb_strdup(buf);
}

/* The write-up: title, 摘要, three sections, a 60-row table, a rare character. */
static void build_writeup(qb_doc *d, const char *source)
{
    qb_doc_init(d);
    d->source = qb_strdup(source);
    d->file = qb_strdup("典型经验材料.docx");
    size_t t = add_para(d, "测试机械有限公司实施六西格玛设计的经验", QB_IN_BODY, -1, 0, 0);
    size_t a = add_para(d, "摘要", QB_IN_BODY, -1, 0, 0);
    char *s = body_text(1);
    add_para(d, s, QB_IN_BODY, -1, 0, 0);
    free(s);
    section(d, QB_SEC_TITLE, t, t, t + 1);
    section(d, QB_SEC_ABSTRACT, a, a + 1, d->npara);
    size_t o = add_para(d, "一、企业概况", QB_IN_BODY, -1, 0, 0);
    for (int n = 2; n < 8; n++) {
        s = body_text(n);
        add_para(d, s, QB_IN_BODY, -1, 0, 0);
        free(s);
    }
    add_para(d, "罕见字𠀀出现在这一段。", QB_IN_BODY, -1, 0, 0);
    section(d, QB_SEC_OVERVIEW, o, o + 1, d->npara);
    size_t p = add_para(d, "二、管理方法（技术）的推进和应用情况", QB_IN_BODY, -1, 0, 0);
    for (int n = 8; n < 40; n++) {
        s = body_text(n);
        add_para(d, s, QB_IN_BODY, -1, 0, 0);
        free(s);
    }
    add_para(d, "表1 项目推进计划", QB_IN_BODY, -1, 0, 0);
    if (qb_grow((void **)&d->tables, &d->captable, 1, sizeof *d->tables) != QB_OK)
        exit(1);
    qb_table *tb = &d->tables[0];
    memset(tb, 0, sizeof *tb);
    tb->parent = -1;
    tb->depth = 1;
    tb->rows = 61;
    tb->cols = 3;
    tb->first_para = tb->before_para = d->npara;
    add_para(d, "表头列一", QB_IN_TABLE, 0, 0, 0);
    add_para(d, "表头列二", QB_IN_TABLE, 0, 0, 1);
    add_para(d, "表头列三", QB_IN_TABLE, 0, 0, 2);
    for (int r = 1; r <= 60; r++) {
        char c0[32], c1[64];
        snprintf(c0, sizeof c0, "行号%d", r);
        snprintf(c1, sizeof c1, "第%d行的工作内容说明", r);
        add_para(d, c0, QB_IN_TABLE, 0, r, 0);
        add_para(d, c1, QB_IN_TABLE, 0, r, 1);
        add_para(d, "质量管理部", QB_IN_TABLE, 0, r, 2);
    }
    d->tables[0].end_para = d->npara;
    d->ntable = 1;
    for (int n = 40; n < 46; n++) {
        s = body_text(n);
        add_para(d, s, QB_IN_BODY, -1, 0, 0);
        free(s);
    }
    section(d, QB_SEC_PRACTICE, p, p + 1, d->npara);
    size_t e = add_para(d, "三、管理方法（技术）的实施效果", QB_IN_BODY, -1, 0, 0);
    for (int n = 46; n < 52; n++) {
        s = body_text(n);
        add_para(d, s, QB_IN_BODY, -1, 0, 0);
        free(s);
    }
    section(d, QB_SEC_RESULTS, e, e + 1, d->npara);
    d->sectioned = 1;
}

/* Run a command, return its standard output (NUL-terminated, caller frees). */
static char *run(char *cmd)
{
    FILE *p = cmd ? popen(cmd, "r") : NULL;
    free(cmd);
    qb_buf b = {0};
    char buf[4096];
    size_t k;
    while (p && (k = fread(buf, 1, sizeof buf, p)) > 0)
        qb_buf_add(&b, buf, k);
    if (p)
        pclose(p);
    return b.s ? qb_buf_take(&b) : qb_strdup("");
}

static int contains(const char *hay, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return 1;
    return 0;
}

/* Text of the PDF without the running header and footer lines, whitespace removed. */
static char *body_of(const char *pdf, const char *applicant)
{
    char *t = run(qb_asprintf("pdftotext '%s' - 2>/dev/null", pdf));
    qb_buf b = {0};
    for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) {
        while (*line == '\f')
            line++;
        if (strstr(line, "质量标杆评审卷宗") || (strstr(line, "第 ") == line && strstr(line, " 页 共 ")) ||
            strcmp(line, applicant) == 0)
            continue;
        for (char *c = line; *c; c++)
            if (*c != ' ' && *c != '\t' && *c != '\r')
                qb_buf_add(&b, c, 1);
    }
    free(t);
    return b.s ? qb_buf_take(&b) : qb_strdup("");
}

static int in_order(const char *text, const qb_doc *d, char *missing, size_t msize)
{
    const char *pos = text;
    for (size_t i = 0; i < d->npara; i++) {
        const qb_para *p = &d->paras[i];
        if (p->where != QB_IN_BODY || !*p->text)
            continue;
        char want[1024];
        size_t w = 0;
        for (const char *c = p->text; *c && w < sizeof want - 1; c++)
            if (*c != ' ')
                want[w++] = *c;
        want[w] = '\0';
        if (strstr(want, "𠀀")) /* drawn as 〓: checked separately */
            continue;
        const char *at = strstr(pos, want);
        if (!at) {
            snprintf(missing, msize, "%s", want);
            return 0;
        }
        pos = at + w;
    }
    return 1;
}

static unsigned first_cp(const char *s)
{
    unsigned cp = 0;
    qb_utf8_decode(s, strlen(s), &cp);
    return cp;
}

static unsigned last_cp(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        n--;
    size_t k = n;
    while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
        k--;
    unsigned cp = 0;
    if (k > 0)
        qb_utf8_decode(s + k - 1, n - k + 1, &cp);
    return cp;
}

/* Bounding box of the dark pixels of a PPM, inside the page's text area. */
static int dark_box(const char *ppm_path, int *w, int *h)
{
    char *data;
    size_t len;
    if (qb_read_file(ppm_path, 1 << 26, &data, &len) != QB_OK)
        return 0;
    int W, H, max, off;
    if (sscanf(data, "P6 %d %d %d%n", &W, &H, &max, &off) != 3 || W <= 0 || H <= 0) {
        free(data);
        return 0;
    }
    const unsigned char *px = (const unsigned char *)data + off + 1;
    int x0 = W, y0 = H, x1 = -1, y1 = -1;
    /* skip the running header and the title line of the page (top 22 %) and the footer */
    for (int y = H * 22 / 100; y < H * 90 / 100; y++)
        for (int x = 0; x < W; x++) {
            const unsigned char *q = px + 3 * ((size_t)y * W + x);
            if ((size_t)(q - (const unsigned char *)data) + 3 > len)
                break;
            if (q[0] + q[1] + q[2] < 600) {
                if (x < x0) x0 = x;
                if (x > x1) x1 = x;
                if (y < y0) y0 = y;
                if (y > y1) y1 = y;
            }
        }
    free(data);
    *w = x1 - x0;
    *h = y1 - y0;
    return x1 > x0 && y1 > y0;
}

static char *corpus(const char *rel)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    char *p = qb_asprintf("%s/../../../../shared/corpus/%s", exe, rel);
    if (p && access(p, R_OK) != 0) {
        free(p);
        return NULL;
    }
    return p;
}

int main(void)
{
    qb_xml_init();
    snprintf(tmpdir, sizeof tmpdir, "%s/qb-render-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmpdir))
        return 1;
    qb_edition ed;
    qb_err err = {0};
    if (qb_edition_load("caq-2023", &ed, &err) != QB_OK) {
        printf("1..0 # skip the rules are not found: %s\n", qb_err_text(&err, 1));
        return 0;
    }
    /* the "original" write-up: any file stands for it here */
    char *orig = qb_asprintf("%s/典型经验材料.docx", tmpdir);
    FILE *f = fopen(orig, "wb");
    fputs("PK this stands for the applicant's DOCX", f);
    fclose(f);
    qb_doc d;
    build_writeup(&d, orig);
    /* the form ticks one of the edition's 遴选范围 (the record decides which: record.h); a DOCX proof; a PDF proof, attached */
    qb_doc form, proof;
    qb_doc_init(&form);
    form.file = qb_strdup("申报书.docx");
    add_para(&form, "申报书", QB_IN_BODY, -1, 0, 0);
    add_para(&form, "遴选范围：☑运用先进质量管理理念、方法、工具促进高质量发展的典型经验", QB_IN_BODY, -1, 0, 0);
    add_para(&form, "□运用 5G、大数据、人工智能等新一代信息技术提升质量管理效能的典型经验", QB_IN_BODY, -1, 0, 0);
    qb_doc_init(&proof);
    proof.file = qb_strdup("获奖证书.docx");
    add_para(&proof, "证明材料正文甲：省长质量奖证书。", QB_IN_BODY, -1, 0, 0);
    const qb_doc *proof_docs[] = {&proof};
    char *photo = corpus("pdf-img/img_exif_orientation_6.jpg"), *pdfproof = corpus("pdf-img/pdf_word2016_chinese_dengxian.pdf");
    const char *attach[] = {orig, pdfproof ? pdfproof : orig};
    const char *proofs[] = {photo ? photo : "", pdfproof ? pdfproof : ""};
    qb_render_input in = {.experience = &d, .form = &form, .proof_docs = proof_docs, .nproof_docs = 1,
                          .attach = attach, .nattach = pdfproof ? 2 : 1, .proof_files = proofs,
                          .nproof_files = photo && pdfproof ? 2 : 0, .ed = &ed, .findings = &d.findings,
                          .applicant = "测试机械有限公司", .package_id = "0123456789ab", .received = "2024-05-01",
                          .scope = qb_form_scope(&form, &ed), .status = "pass"};
    char *out = qb_asprintf("%s/dossier.pdf", tmpdir), *out2 = qb_asprintf("%s/again.pdf", tmpdir);
    qb_findings warn = {0};
    qb_render_stats stats;
    qb_status st = qb_render_dossier(&in, out, &warn, &stats);
    is_int(st, QB_OK, "the dossier is written");

    char *info = run(qb_asprintf("pdfinfo '%s' 2>/dev/null", out));
    char want[128];
    ok(strstr(info, "Page size:       595.276 x 841.89 pts (A4)") != NULL, "pages are A4 (595.276 x 841.89 pt)");
    snprintf(want, sizeof want, "Pages:           %u\n", stats.pages);
    ok(stats.pages >= 8 && strstr(info, want) != NULL, "pdfinfo counts the pages the renderer made (%u)", stats.pages);
    ok(strstr(info, "Title:           质量标杆评审卷宗：测试机械有限公司") != NULL, "the title names the applicant");
    ok(strstr(info, "CreationDate:    Wed May  1 00:00:00 2024 UTC") != NULL, "the PDF's date is the date received");
    free(info);

    char *fonts = run(qb_asprintf("pdffonts '%s' 2>/dev/null", out));
    int nfont = 0, embedded = 0;
    for (char *l = strtok(fonts, "\n"); l; l = strtok(NULL, "\n"))
        if (strstr(l, "CID TrueType") && strncmp(l, "HPDF", 4) == 0) { /* ours, not a proof PDF's own */
            nfont++;
            embedded += strstr(l, "Identity-H       yes yes yes") != NULL;
        }
    ok(nfont == 4 && embedded == 4, "the four faces (宋体, 黑体, their Latin faces) are embedded as subsets with a Unicode map (%d of %d)",
       embedded, nfont);
    free(fonts);
    ok(stats.glyphs[0] > 100 && stats.glyphs[0] < 1000 && stats.glyphs[1] > 10,
       "the faces hold only the glyphs used (宋体 %u, 黑体 %u)", stats.glyphs[0], stats.glyphs[1]);

    char *text = body_of(out, "测试机械有限公司"), miss[1024] = "";
    ok(in_order(text, &d, miss, sizeof miss), "the write-up's paragraphs come back from pdftotext, in order");
    if (*miss)
        printf("#   not found in order: %s\n", miss);
    ok(strstr(text, "〓出现在这一段") != NULL, "a character no face has is drawn as 〓");
    int reported = 0;
    for (size_t i = 0; i < warn.n; i++)
        reported |= strcmp(warn.v[i].rule, "render.missing-glyph") == 0 && strstr(warn.v[i].message, "U+20000");
    ok(reported, "… and reported as render.missing-glyph naming U+20000");
    free(text);

    /* every page that shows rows of the table shows its header row too */
    int pages_with_rows = 0, without_header = 0;
    for (unsigned pg = 1; pg <= stats.pages; pg++) {
        char *pt = run(qb_asprintf("pdftotext -f %u -l %u '%s' - 2>/dev/null", pg, pg, out));
        if (strstr(pt, "行号")) {
            pages_with_rows++;
            without_header += strstr(pt, "表头列一") == NULL;
        }
        free(pt);
    }
    ok(pages_with_rows >= 2 && without_header == 0,
       "the 60-row table continues over %d pages, each with its header row", pages_with_rows);

    /* no line of the dossier starts with a closing or pausing mark, none ends with an opening one */
    char *lines = run(qb_asprintf("pdftotext '%s' - 2>/dev/null", out));
    int bad_start = 0, bad_end = 0;
    for (char *l = strtok(lines, "\n"); l; l = strtok(NULL, "\n")) {
        while (*l == '\f')
            l++;
        if (*l && qb_kinsoku_no_start(first_cp(l)))
            bad_start++, printf("#   starts with a closing mark: %s\n", l);
        if (*l && qb_kinsoku_no_end(last_cp(l)))
            bad_end++, printf("#   ends with an opening mark: %s\n", l);
    }
    ok(bad_start == 0, "no line starts with ，。、；：？！）」』》 and the like");
    ok(bad_end == 0, "no line ends with （「『《 and the like");
    free(lines);

    char *raw;
    size_t rawlen;
    /* qpdf, which places the proof PDF's pages, writes hex strings in lower case */
    ok(qb_read_file(out, 1 << 26, &raw, &rawlen) == QB_OK &&
           (contains(raw, rawlen, "<FEFF64588981>") || contains(raw, rawlen, "<feff64588981>")),
       "the 摘要 section has a bookmark");
    ok(contains(raw, rawlen, "(01_experience.docx)"), "the original is attached as 01_experience.docx (/F)");
    free(raw);

    char *list = run(qb_asprintf("pdfdetach -list '%s' 2>/dev/null", out));

    char *cover = run(qb_asprintf("pdftotext -layout -f 1 -l 1 '%s' - 2>/dev/null", out));
    size_t k = 0;
    for (char *c = cover; *c; c++)
        if (*c != ' ' && *c != '\n' && *c != '\f')
            cover[k++] = *c;
    cover[k] = '\0';
    ok(strstr(cover, "遴选范围运用先进质量管理理念、方法、工具促进高质量发展的典型经验") && !strstr(cover, "新一代信息技术"),
       "the cover shows the 遴选范围 the form ticked");
    free(cover);
    char *all = body_of(out, "测试机械有限公司");
    ok(strstr(all, "证明材料正文甲：省长质量奖证书。") != NULL, "the text of a DOCX proof is in the dossier");
    ok(strstr(all, "证明材料1：获奖证书.docx") != NULL, "… under a numbered heading");
    if (pdfproof) {
        ok(strstr(all, "pdf_word2016_chinese_dengxian.pdf") && strstr(all, "见后页"),
           "the inventory lists the PDF proof, shown on the pages after");
        ok(strstr(list, "1: ") && !strstr(list, "2: "), "the PDF proof, shown as pages, is not attached again");
    } else {
        for (int k = 0; k < 2; k++)
            printf("ok %d # skip the corpus is not beside the repository\n", ++tap_n);
    }
    free(all);
    free(list);

    if (photo) {
        /* the photo is stored 1200 × 1800 with EXIF orientation 6: upright it is landscape */
        unsigned pp = 0;
        for (unsigned pg = 1; pg <= stats.pages && !pp; pg++) {
            char *pt = run(qb_asprintf("pdftotext -f %u -l %u '%s' - 2>/dev/null", pg, pg, out));
            if (strstr(pt, "img_exif_orientation_6.jpg") && !strstr(pt, "序号"))
                pp = pg;
            free(pt);
        }
        free(run(qb_asprintf("pdftoppm -r 20 -f %u -l %u '%s' '%s/photo' 2>/dev/null", pp, pp, out, tmpdir)));
        char *ppm = run(qb_asprintf("ls '%s'/photo*.ppm 2>/dev/null | head -1", tmpdir));
        ppm[strcspn(ppm, "\n")] = '\0';
        int w = 0, h = 0, found = dark_box(ppm, &w, &h);
        ok(found && w > h, "the EXIF orientation 6 photo is drawn turned upright (%d × %d px)", w, h);
        free(ppm);
        char *imgs = run(qb_asprintf("pdfimages -f %u -l %u -list '%s' 2>/dev/null | grep -c ' jpeg '", pp, pp, out));
        is_int(atoi(imgs), 1, "the photo is embedded as JPEG");
        free(imgs);
    } else {
        for (int k = 0; k < 2; k++)
            printf("ok %d # skip the corpus is not beside the repository\n", ++tap_n);
    }

    sleep(1); /* a clock in the output would differ now */
    qb_findings warn2 = {0};
    st = qb_render_dossier(&in, out2, &warn2, NULL);
    char *a, *b;
    size_t la, lb;
    int same = st == QB_OK && qb_read_file(out, 1 << 26, &a, &la) == QB_OK;
    if (same && qb_read_file(out2, 1 << 26, &b, &lb) == QB_OK) {
        same = la == lb && memcmp(a, b, la) == 0;
        free(b);
    } else {
        same = 0;
    }
    if (st == QB_OK)
        free(a);
    ok(same, "a second run gives the same bytes");
    qb_findings_free(&warn2);

    /* a font file that is not there: no dossier, a reason */
    qb_render_input bad = in;
    bad.font_song = "/nonexistent/SimSun.ttf";
    qb_findings warn3 = {0};
    char *out3 = qb_asprintf("%s/nofont.pdf", tmpdir);
    st = qb_render_dossier(&bad, out3, &warn3, NULL);
    ok(st != QB_OK && warn3.n == 1 && strcmp(warn3.v[0].rule, "render.fonts") == 0 && access(out3, F_OK) != 0,
       "an unreadable font file stops the dossier with a render.fonts finding");
    qb_findings_free(&warn3);

    char *rm = qb_asprintf("rm -rf '%s'", tmpdir);
    if (system(rm) != 0)
        printf("# could not remove %s\n", tmpdir);
    free(rm);
    free(out);
    free(out2);
    free(out3);
    free(orig);
    free(photo);
    free(pdfproof);
    qb_findings_free(&warn);
    qb_doc_free(&d);
    qb_doc_free(&form);
    qb_doc_free(&proof);
    qb_edition_free(&ed);
    return tap_done();
}
