/* qb-unpack — unpack one package safely into a work folder and say what is in it.
 *
 *   qb-unpack [--edition NAME] [--json] [--lang zh|en] PACKAGE WORKDIR
 *
 * Members are written under generated names (0001.docx …) with WORKDIR/manifest.json
 * mapping them to their names in the package; findings are printed on stdout (with
 * --json, the manifest instead). WORKDIR is created (with its parents) when missing
 * and must be empty.
 * Exit status: 0 no error-level finding, 1 error-level findings, 2 bad usage or the
 * work folder / machinery failed (reason on stderr). The library does the work:
 * package.h. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "package.h"

static const char *prog = "qb-unpack";

static void usage(FILE *out)
{
    fprintf(out,
            "用法 usage: %s [--edition NAME] [--json] [--lang zh|en] PACKAGE WORKDIR\n"
            "  PACKAGE         申报包（.rar .zip .7z、文件夹或 .docx） the package (.rar .zip .7z, folder, .docx)\n"
            "  WORKDIR         工作目录（新建或空目录），成员与 manifest.json 写在这里\n"
            "                  work folder (new or empty): the members and manifest.json\n"
            "  --edition NAME  规则版本 edition (default " QB_EDITION_DEFAULT ")\n"
            "  --json          输出清单 JSON print the manifest instead of the findings\n"
            "  --lang zh|en    语言 language of the findings (default zh)\n"
            "  -h, --help      显示本说明 show this help\n"
            "exit: 0 无错误 no error-level finding; 1 有错误 error-level findings; 2 无法处理或用法错误 could not run\n",
            prog);
}

static int bad_usage(const char *msg, const char *arg)
{
    return qb_cli_bad_usage(prog, usage, msg, arg);
}

/* Nonzero when dir exists and holds nothing, or could be created (with its parents). */
static int empty_workdir(const char *dir)
{
    char *p = qb_strdup(dir);
    for (char *s = p ? strchr(p + 1, '/') : NULL; s; s = strchr(s + 1, '/')) {
        *s = '\0';
        mkdir(p, 0755); /* parents: an existing one is fine, a failure shows below */
        *s = '/';
    }
    free(p);
    if (mkdir(dir, 0755) == 0)
        return 1;
    if (errno != EEXIST)
        return 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *de;
    int empty = 1;
    while (empty && (de = readdir(d)) != NULL)
        empty = strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0;
    closedir(d);
    return empty;
}

int main(int argc, char **argv)
{
    const char *edition = QB_EDITION_DEFAULT, *lang = "zh";
    int json = 0, c;
    static const struct option longopts[] = {{"edition", required_argument, NULL, 'E'},
                                             {"json", no_argument, NULL, 'J'},
                                             {"lang", required_argument, NULL, 'L'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    opterr = 0; /* our own message, in both languages */
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'E': edition = optarg; break;
        case 'J': json = 1; break;
        case 'L': lang = optarg; break;
        case 'h': usage(stdout); return 0;
        default: return qb_cli_bad_option(prog, usage, argv, c);
        }
    }
    if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0)
        return bad_usage("--lang: zh | en:", lang);
    if (argc - optind != 2)
        return bad_usage("需要申报包和工作目录 PACKAGE and WORKDIR are required", NULL);
    int i = optind;
    const char *input = argv[i], *workdir = argv[i + 1];
    qb_cli_init();
    qb_edition ed;
    if (qb_cli_edition(prog, edition, &ed) != 0)
        return 2;
    if (!empty_workdir(workdir)) {
        fprintf(stderr, "%s: %s: 工作目录无法创建或不是空的 (work folder missing or not empty)\n", prog, workdir);
        qb_edition_free(&ed);
        return 2;
    }
    qb_package pkg;
    qb_status st = qb_package_unpack(input, workdir, &ed, &pkg);
    if (st != QB_OK) {
        fprintf(stderr, "%s: %s: %s\n", prog, input,
                st == QB_ERR_USAGE ? "找不到输入文件 (no such file or folder)" : qb_status_str(st));
        qb_package_free(&pkg);
        qb_edition_free(&ed);
        return 2;
    }
    char *mpath = qb_asprintf("%s/manifest.json", workdir);
    FILE *mf = mpath ? fopen(mpath, "w") : NULL;
    st = mf ? qb_package_manifest_write(&pkg, mf) : QB_ERR_IO;
    if (mf && fclose(mf) != 0)
        st = QB_ERR_IO;
    if (st != QB_OK)
        fprintf(stderr, "%s: %s: %s\n", prog, mpath ? mpath : workdir, qb_status_str(st));
    free(mpath);
    int en = strcmp(lang, "en") == 0;
    if (json) {
        if (st == QB_OK)
            st = qb_package_manifest_write(&pkg, stdout);
    } else {
        for (size_t k = 0; k < pkg.findings.n; k++) {
            const qb_finding *f = &pkg.findings.v[k];
            printf("%s %s: %s\n", en ? qb_severity_name(f->severity) : qb_severity_name_zh(f->severity),
                   f->rule, en ? f->message_en : f->message);
        }
        for (int r = QB_ROLE_FORM; r <= QB_ROLE_PROOF; r++) {
            const qb_member *m = qb_package_member(&pkg, (qb_role)r);
            if (m)
                printf("%s: %s -> %s\n", en ? qb_role_name((qb_role)r) : qb_role_name_zh((qb_role)r),
                       m->name, qb_basename(qb_member_docx(m)));
        }
    }
    int code = st != QB_OK ? 2 : qb_findings_count(&pkg.findings, QB_SEV_ERROR) ? 1 : 0;
    qb_package_free(&pkg);
    qb_edition_free(&ed);
    return code;
}
