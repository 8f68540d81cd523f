/* batch_stray.c — an inbox entry that is not an application at all: not a package
 * (.rar .zip .7z), not a folder, not a Word file. It gets one row saying what it is, and
 * no name check and no dossier: a 推荐函.pdf or a 说明.txt beside the packages is not an
 * applicant's package with errors. Decided by the signature first (a PDF named .rar is
 * a PDF); an archive or Word signature is a package unless the name says it is an
 * Office file of another kind (a .xlsx is a ZIP too). */
#include "batch_int.h"

#include <string.h>
#include <strings.h>

#include "sniff.h"

static const char *ext_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && dot != name ? dot + 1 : "";
}

static const struct {
    const char *ext, *zh, *en;
} by_ext[] = {
    {"txt", "文本文件", "a text file"},     {"md", "文本文件", "a text file"},
    {"csv", "CSV 表格", "a CSV table"},     {"xls", "Excel 表格", "an Excel sheet"},
    {"xlsx", "Excel 表格", "an Excel sheet"}, {"et", "WPS 表格", "a WPS sheet"},
    {"ppt", "演示文稿", "a presentation"},  {"pptx", "演示文稿", "a presentation"},
    {"pdf", "PDF 文件", "a PDF file"},      {"htm", "网页文件", "a web page"},
    {"html", "网页文件", "a web page"},     {"eml", "邮件文件", "an e-mail file"},
    {"jpg", "图片", "a picture"},           {"jpeg", "图片", "a picture"},
    {"png", "图片", "a picture"},           {"gif", "图片", "a picture"},
    {"bmp", "图片", "a picture"},           {"tif", "图片", "a picture"},
    {"tiff", "图片", "a picture"},
};

const char *qb_batch_stray_kind(const qb_batch_item *it, int en)
{
    if (it->kind != QB_ITEM_FILE)
        return NULL; /* folders are packages; links and devices have their own rows */
    qb_format f = QB_FMT_UNKNOWN;
    if (qb_sniff_file(it->path, &f) != QB_OK)
        return NULL; /* unreadable: the check says so */
    const char *ext = ext_of(it->name);
    switch (f) {
    case QB_FMT_PDF: return en ? "a PDF file" : "PDF 文件";
    case QB_FMT_PNG:
    case QB_FMT_JPEG:
    case QB_FMT_GIF:
    case QB_FMT_BMP:
    case QB_FMT_TIFF: return en ? "a picture" : "图片";
    case QB_FMT_EMPTY: return en ? "an empty file" : "空文件";
    default: break;
    }
    int package_ext = strcasecmp(ext, "rar") == 0 || strcasecmp(ext, "zip") == 0 || strcasecmp(ext, "7z") == 0 ||
                      strcasecmp(ext, "docx") == 0 || strcasecmp(ext, "doc") == 0;
    for (size_t i = 0; i < sizeof by_ext / sizeof by_ext[0]; i++)
        if (strcasecmp(ext, by_ext[i].ext) == 0)
            return en ? by_ext[i].en : by_ext[i].zh;
    if (f != QB_FMT_UNKNOWN || package_ext)
        return NULL; /* an archive or Word signature, or a package's name: checked (a damaged
                        package is the applicant's to resend) */
    return en ? "a file of an unknown kind" : "无法识别类型的文件";
}
