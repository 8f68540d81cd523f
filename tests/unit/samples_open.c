/* samples_open.c — every sample write-up bin/mksample makes is a DOCX that the project's
 * own opener accepts (ZIP layout check, then libzip), whose XML parts all parse with
 * the safe libxml2 settings, whose relationships all resolve, and whose main part has
 * the body a write-up needs. TAP.
 *
 *   samples_open.t FILE.docx…   check those files
 *   samples_open.t              run $QB_BIN/mksample into $QB_SAMPLES/unit-open, check all */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "opc.h"
#include "qb.h"
#include "tap.h"
#include "xmlsafe.h"

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

/* Number of w:p elements anywhere below n. */
static long count_paras(xmlNodePtr n)
{
    long c = 0;
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (qb_xml_node_is(k, "p"))
            c++;
        c += count_paras(k);
    }
    return c;
}

/* The document part: w:document / w:body with paragraphs, ending with the body sectPr
 * (or, for the sample built to have no page settings, with none anywhere). */
static qb_status check_document(const char *xml, size_t len, int no_sect, char *why, size_t wsz)
{
    xmlDocPtr d;
    qb_status st = qb_xml_parse_memory(xml, len, &d);
    if (st != QB_OK) {
        snprintf(why, wsz, "word/document.xml does not parse (%s)", qb_status_str(st));
        return st;
    }
    xmlNodePtr root = xmlDocGetRootElement(d);
    xmlNodePtr body = qb_xml_node_is(root, "document") ? qb_xml_child(root, "body") : NULL;
    xmlNodePtr last = NULL;
    if (body)
        for (xmlNodePtr k = body->children; k; k = k->next)
            if (k->type == XML_ELEMENT_NODE)
                last = k;
    long paras = body ? count_paras(body) : 0;
    st = QB_ERR_FORMAT;
    if (!body)
        snprintf(why, wsz, "no w:document/w:body");
    else if (paras < 20)
        snprintf(why, wsz, "only %ld paragraphs", paras);
    else if (no_sect ? strstr(xml, "sectPr") != NULL : !last || !qb_xml_node_is(last, "sectPr"))
        snprintf(why, wsz, no_sect ? "a w:sectPr where none should be" : "the body does not end with its w:sectPr");
    else
        st = QB_OK;
    xmlFreeDoc(d);
    return st;
}

static void check_file(const char *path)
{
    char why[400] = "";
    qb_opc o;
    qb_status st = qb_opc_open(path, &o);
    if (st != QB_OK) {
        ok(0, "%s opens", qb_basename(path));
        printf("#   qb_opc_open: %s (%s)\n", o.err.en, qb_status_str(st));
        return;
    }
    if (strcmp(o.main_part, "word/document.xml") != 0) {
        snprintf(why, sizeof why, "main part is %s", o.main_part);
        st = QB_ERR_FORMAT;
    }
    /* every XML part parses */
    zip_int64_t n = zip_get_num_entries(o.z, 0);
    for (zip_int64_t i = 0; i < n && st == QB_OK; i++) {
        const char *name = zip_get_name(o.z, (zip_uint64_t)i, 0);
        if (!name || !(ends_with(name, ".xml") || ends_with(name, ".rels")))
            continue;
        char *buf;
        size_t len;
        st = qb_opc_read(&o, name, &buf, &len);
        if (st != QB_OK) {
            snprintf(why, sizeof why, "%s cannot be read (%s)", name, qb_status_str(st));
            break;
        }
        if (strcmp(name, "word/document.xml") == 0) {
            st = check_document(buf, len, strcmp(qb_basename(path), "fmt-page-unset.docx") == 0, why, sizeof why);
        } else {
            xmlDocPtr d;
            st = qb_xml_parse_memory(buf, len, &d);
            if (st == QB_OK)
                xmlFreeDoc(d);
            else
                snprintf(why, sizeof why, "%s does not parse (%s)", name, qb_status_str(st));
        }
        free(buf);
    }
    /* the parts a write-up needs, reached through the relationships, all present */
    if (st == QB_OK) {
        qb_rels rels;
        st = qb_opc_rels(&o, o.main_part, &rels);
        if (st == QB_OK) {
            static const char *const need[] = {"/styles", "/settings", "/theme", "/image"};
            for (size_t k = 0; k < sizeof need / sizeof need[0] && st == QB_OK; k++)
                if (!qb_rels_by_type(&rels, need[k])) {
                    snprintf(why, sizeof why, "no %s relationship", need[k] + 1);
                    st = QB_ERR_FORMAT;
                }
            for (size_t k = 0; k < rels.n && st == QB_OK; k++)
                if (!rels.v[k].external && !qb_opc_has(&o, rels.v[k].target)) {
                    snprintf(why, sizeof why, "relationship %s points at missing %s", rels.v[k].id,
                             rels.v[k].target);
                    st = QB_ERR_FORMAT;
                }
            qb_rels_free(&rels);
        } else {
            snprintf(why, sizeof why, "relationships of the main part: %s", qb_status_str(st));
        }
    }
    qb_opc_close(&o);
    if (!ok(st == QB_OK, "%s opens; every XML part parses; relationships resolve", qb_basename(path)))
        printf("#   %s\n", why);
}

/* Generate every sample with mksample and return the list of paths (NULL-terminated). */
static char **generate(size_t *count)
{
    const char *bin = getenv("QB_BIN"), *samples = getenv("QB_SAMPLES");
    *count = 0;
    if (!bin || !samples)
        return NULL;
    char *dir = qb_asprintf("%s/unit-open", samples);
    char *list_cmd = qb_asprintf("'%s/mksample' --list", bin);
    char *make_cmd = dir ? qb_asprintf("'%s/mksample' '%s'", bin, dir) : NULL;
    char **paths = NULL;
    size_t n = 0, cap = 0;
    int good = dir && list_cmd && make_cmd;
    if (good && mkdir(samples, 0777) != 0 && errno != EEXIST)
        good = 0;
    FILE *p = good ? popen(list_cmd, "r") : NULL;
    if (p) {
        char line[1024];
        while (fgets(line, sizeof line, p)) {
            char *tab = strchr(line, '\t');
            if (!tab || qb_grow((void **)&paths, &cap, n + 2, sizeof *paths) != QB_OK)
                continue;
            *tab = '\0';
            paths[n] = qb_asprintf("%s/%s.docx", dir, line);
            if (paths[n])
                paths[++n] = NULL;
        }
        good = pclose(p) == 0 && n > 0;
    } else {
        good = 0;
    }
    ok(good, "mksample --list names the samples");
    int rc = good ? system(make_cmd) : -1;
    ok(rc == 0, "mksample writes every sample");
    free(dir);
    free(list_cmd);
    free(make_cmd);
    *count = n;
    return paths;
}

int main(int argc, char **argv)
{
    qb_xml_init();
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            check_file(argv[i]);
        return tap_done();
    }
    if (!getenv("QB_BIN") || !getenv("QB_SAMPLES")) {
        printf("1..0 # SKIP QB_BIN and QB_SAMPLES are not set (run through make test)\n");
        return 0;
    }
    size_t n = 0;
    char **paths = generate(&n);
    for (size_t i = 0; i < n; i++) {
        check_file(paths[i]);
        free(paths[i]);
    }
    free(paths);
    return tap_done();
}
