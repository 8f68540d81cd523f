/* mksample.c — writes the sample write-ups (典型经验材料) every test of the project uses,
 * as DOCX files built from hand-written WordprocessingML (docxw.h), so that anyone can
 * read here exactly what a sample contains and change it.
 *
 *   mksample OUTDIR [NAME…]   write every sample (or the named ones) as OUTDIR/NAME.docx
 *   mksample --list           names, one line each, with a description
 *   mksample --expect NAME    "section count chars" per section, known by construction
 *   mksample --findings NAME  the DESIGN §3 rule ids (and severities) the sample must raise
 *
 * Expected figures are not measured with the project's counter (filters/lib/core/count.c):
 * every text below is written in a restricted alphabet — CJK ideographs and full-width
 * punctuation, each 1 字 and 1 character, plus ASCII tokens between backquotes, each
 * 1 字 and as many characters as bytes (Word counts a run of Latin letters and digits
 * as one word) — so a text's figures follow from how it is written. A section's total
 * is chosen in the sample table; the generator adds fixed paragraphs until the budget
 * is nearly spent and closes it with a paragraph of exactly the remaining length, then
 * checks that what it wrote adds up to the chosen total. See samples/README.md. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "docxw.h"
#include "secid.h"
#include "utf8.h"

/* ================================================================ figures */

typedef struct {
    long words; /* Word's 字数 */
    long chars; /* characters without white space */
} figs;

/* The alphabet of sample text outside backquotes: CJK punctuation (not U+3000, a
 * space), unified ideographs, full-width forms, and the dash — (—— counts 2, README). */
static int cjk_ok(unsigned cp)
{
    return (cp >= 0x3001 && cp <= 0x303F) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xFF01 && cp <= 0xFF5E) || cp == 0x2014; /* —, as in a subtitle's —— */
}

/* Add the figures of one markup text to *f. QB_ERR_USAGE when the text leaves the
 * alphabet (an edit that would make the arithmetic wrong is refused, not guessed). */
static qb_status mk_figs(const char *m, figs *f)
{
    size_t i = 0, n = strlen(m);
    while (i < n) {
        if (m[i] == '`') {
            size_t j = i + 1;
            while (j < n && m[j] != '`') {
                if ((unsigned char)m[j] <= ' ' || (unsigned char)m[j] >= 0x7F)
                    goto bad;
                j++;
            }
            if (j == n || j == i + 1 || (j + 1 < n && m[j + 1] == '`'))
                goto bad; /* unclosed, empty, or two tokens that would merge into one run */
            f->words += 1;
            f->chars += (long)(j - i - 1);
            i = j + 1;
            continue;
        }
        if (m[i] == ' ') {
            i++;
            continue;
        }
        unsigned cp;
        size_t k = qb_utf8_decode(m + i, n - i, &cp);
        /* ⬤ ⊗ (symbols the dossier's symbol face draws): a run of their own, one 字, when a
         * space follows and no backquoted token is before (it would join that run) */
        int sym = (cp == 0x2B24 || cp == 0x2297) && i + k < n && m[i + k] == ' ' && (i == 0 || m[i - 1] != '`');
        if (!k || (!cjk_ok(cp) && !sym))
            goto bad;
        f->words++;
        f->chars++;
        i += k;
    }
    return QB_OK;
bad:
    fprintf(stderr, "mksample: 样例文字超出可计数字符集 / sample text outside the countable alphabet: %s\n", m);
    return QB_ERR_USAGE;
}

/* ================================================================ content */

#define COMPANY "某某精工机械制造有限公司"
#define TITLE_OK COMPANY "实施六西格玛设计的经验"
/* a title too long for one line, split by the writer after its method (layout-title-two-lines) */
#define TITLE_2LINES_FIRST COMPANY "实施六西格玛设计"
#define TITLE_2LINES TITLE_2LINES_FIRST "提升主轴部件可靠性的经验"

static const char *const abstract_pool[] = {
    "本文介绍了" COMPANY "在高端数控机床关键功能部件研发过程中系统实施六西格玛设计的做法与成效。"
    "公司以顾客需求为起点，按照定义、测量、分析、设计和验证五个阶段构建新产品开发流程，"
    "将质量功能展开、试验设计、稳健设计和可靠性分析等工具嵌入研发各环节，建立了覆盖研发、工艺、"
    "采购和制造的跨部门项目团队，并以质量门评审保证各阶段交付质量。",
    "经过五年的持续推进，公司累计完成六西格玛设计项目`46`项，新产品一次设计成功率由`72%`提高到`95%`，"
    "研发周期平均缩短`30%`，主轴部件早期故障率下降`68%`，顾客满意度连续三年位居行业前列。"
    "该经验先后获得省级质量管理创新成果一等奖和行业质量技术奖，对装备制造企业提升研发质量具有较强的借鉴意义。",
};

static const char *const overview_pool[] = {
    COMPANY "成立于一九九八年，是一家专业从事数控机床主轴、转台和精密传动部件研发制造的高新技术企业，"
    "属于通用设备制造业。公司位于长江三角洲某国家级经济技术开发区，占地面积约十二万平方米，"
    "现有员工一千二百余人，其中工程技术人员三百余人。",
    "公司主要产品包括电主轴、机械主轴、数控转台和滚珠丝杠副四大系列，广泛应用于航空航天、汽车零部件、"
    "模具和电子信息等行业，产品销往全国二十多个省市并出口欧洲和东南亚。公司秉承以质量求生存、"
    "以创新求发展的经营理念，以成为受人尊敬的精密部件供应商为愿景，建有省级企业技术中心和省级工程技术研究中心，"
    "先后通过质量、环境和职业健康安全管理体系认证。",
    "近年来，公司营业收入保持稳定增长，连续多年保持盈利，先后荣获省级质量标杆、省级专精特新中小企业"
    "和省长质量奖提名奖等荣誉。",
};

static const char *const practice_pool[] = {
    "公司成立了由总经理任组长的六西格玛推进领导小组，下设推进办公室和专家评审组。"
    "推进办公室设在质量管理部，负责年度推进计划的制定、项目立项评审、过程督导和成果评价。"
    "各事业部设立项目管理专员，形成了公司、事业部和项目团队三级推进网络。",
    "公司将六西格玛设计纳入年度经营计划和部门绩效考核，明确每个新产品开发项目都必须按六西格玛设计流程开展，"
    "并在立项、方案评审和设计定型三个节点设置质量门，未通过质量门评审的项目不得进入下一阶段。"
    "公司每年安排专项经费用于培训、试验验证和软件工具购置，为项目顺利实施提供了资源保障。",
    "公司结合机床功能部件研发特点，将`DMADV`方法与原有产品开发程序融合，形成了定义、测量、分析、"
    "设计和验证五个阶段的开发流程，如图`1`所示。定义阶段重点明确项目目标、范围和顾客需求；"
    "测量阶段识别关键质量特性并确定测量方法；分析阶段开展概念设计和方案比选；设计阶段进行详细设计和参数优化；"
    "验证阶段通过样机试验和小批试制确认设计能力。",
    "为保证流程落地，公司编制了六西格玛设计实施指南和各阶段输出文件模板，规定了每个阶段必须使用的工具"
    "和必须提交的交付物。公司利用产品生命周期管理系统对项目进度和交付物进行在线管控，"
    "实现了研发过程的标准化和可追溯。",
    "在质量门评审中，专家评审组依据评审检查表对项目交付物逐项评价，评审结论分为通过、有条件通过和不通过三类。"
    "对有条件通过的项目，推进办公室跟踪整改措施的落实情况，整改完成后方可进入下一阶段，从而把质量问题解决在设计阶段。",
    "在定义和测量阶段，公司运用顾客之声分析和质量功能展开，将顾客对主轴精度保持性、温升和噪声的要求"
    "逐层转化为关键质量特性和设计参数，建立了主轴产品质量屋，明确了十二项关键质量特性及其目标值。",
    "在分析和设计阶段，公司运用失效模式与影响分析识别潜在失效模式，运用试验设计和响应面方法优化轴承预紧力、"
    "冷却流量和动平衡等关键参数。公司运用稳健设计降低产品性能对制造偏差和使用环境的敏感性，"
    "使主轴温升波动范围缩小了一半。各阶段的主要任务和输出成果见表`1`。",
    "在验证阶段，公司建立了主轴可靠性试验台，开展加速寿命试验和整机联调试验，运用过程能力分析确认关键工序"
    "满足设计要求，确保设计成果在批量生产中稳定实现。",
    "针对以往样机试验暴露的问题，公司建立了设计失效知识库，将历次失效模式、原因和对策录入系统，"
    "新项目在方案设计阶段必须检索知识库并逐条确认，避免同类问题重复发生。",
    "公司还将统计过程控制延伸到关键供应商，要求供应商对影响主轴精度的关键尺寸开展过程能力研究，"
    "过程能力指数达不到要求的零件不得批量供货。",
    "公司建立了绿带、黑带和黑带大师三级人才培养体系，与高校合作开发了面向研发人员的六西格玛设计课程，"
    "每年组织理论培训和项目实战辅导，累计培养黑带`38`名、绿带`260`名。",
    "公司制定了六西格玛项目成果评价和激励办法，按项目财务收益和技术难度给予项目团队奖励，"
    "并将黑带资格作为技术人员职称评定和岗位晋升的重要条件，激发了员工参与六西格玛设计的积极性。",
    "通过年度成果发布会和优秀项目案例库，公司将成功项目的经验固化为设计规范和标准作业文件，"
    "推动六西格玛设计从单个项目向全部新产品开发项目扩展，形成了持续改进的良性循环。",
    "公司每年评选优秀六西格玛项目和优秀黑带，在公司年会上进行表彰，并推荐优秀项目参加行业和省级质量成果发布交流活动，"
    "营造了人人讲质量、事事重改进的良好氛围。",
};

static const char *const results_pool[] = {
    "经过五年的持续推进，六西格玛设计已覆盖公司全部新产品开发项目，产品质量和研发效率显著提升，"
    "近三年主要质量指标见表`2`。",
    "在经济效益方面，公司累计完成六西格玛设计项目`46`项，新产品一次设计成功率由`72%`提高到`95%`，"
    "研发周期平均缩短`30%`，近三年累计创造直接经济效益一亿两千万元。",
    "在质量效益方面，主轴部件早期故障率下降`68%`，平均无故障工作时间由八千小时提高到一万五千小时，"
    "产品一次交验合格率逐年提升，如图`2`所示。",
    "在社会效益方面，公司高端主轴产品实现了进口替代，带动上下游二十余家配套企业提升了质量管理水平，"
    "多家同行企业来公司交流学习六西格玛设计经验。",
    "在管理效益方面，六西格玛设计促进了研发、工艺、采购和制造部门之间的协同，形成了用数据说话、"
    "靠流程保证的质量文化，公司质量管理成熟度持续提高。",
};

static const char *const subheads[] = {
    "建立六西格玛设计推进组织体系", "构建基于`DMADV`的产品开发流程",
    "将质量工具嵌入研发关键环节", "强化人才培养与激励机制",
};
static const char *const subhead_cn[] = {"（一）", "（二）", "（三）", "（四）"};
static const char *const subhead_arabic[] = {"（`1`）", "（`2`）", "（`3`）", "（`4`）"};

/* The closing paragraph that makes a section's total exact: 6-字 clauses, then an
 * ending of 3 to 9 字 and "。". */
static const char *const filler_clauses[] = {
    "坚持问题导向", "强化过程管控", "完善制度体系", "加强数据分析", "推动持续改进",
    "落实岗位责任", "深化全员参与", "优化资源配置", "提升设计能力", "夯实质量基础",
};
static const char *const filler_ends[10] = {
    [3] = "见实效", [4] = "成效显著", [5] = "质量更可靠", [6] = "质量稳步提升",
    [7] = "推动高质量发展", [8] = "研发效率明显提高", [9] = "助力企业高质量发展",
};
#define FILLER_MIN 4

typedef struct {
    const char *label;  /* 表 / 图 */
    const char *text;   /* caption text after the number */
    int cols, rows;
    const char *const *cells; /* rows*cols markup texts, row by row */
    const int *widths;  /* column widths in twips */
} tab_def;

static const char *const tab1_cells[] = {
    "阶段", "主要任务", "输出成果",
    "定义", "明确顾客需求和项目目标", "项目任务书",
    "测量", "识别关键质量特性", "产品质量屋",
    "分析", "概念设计与方案比选", "设计方案",
    "设计", "参数优化与稳健设计", "设计图样",
    "验证", "样机试验与小批试制", "验证报告",
};
static const int tab1_widths[] = {1800, 3906, 2600};
static const char *const tab2_cells[] = {
    "指标", "`2021`年", "`2022`年", "`2023`年",
    "一次交验合格率", "`97.2%`", "`98.5%`", "`99.3%`",
    "主轴早期故障率", "`1.9%`", "`1.1%`", "`0.6%`",
    "顾客满意度", "`88.6`", "`91.2`", "`93.5`",
    "新产品一次设计成功率", "`86%`", "`91%`", "`95%`",
};
static const int tab2_widths[] = {2906, 1800, 1800, 1800};
static const tab_def tables[2] = {
    {"表", "六西格玛设计项目推进计划", 3, 6, tab1_cells, tab1_widths},
    {"表", "近三年主要质量指标对比", 4, 5, tab2_cells, tab2_widths},
};
static const char *const figure_captions[2] = {"六西格玛设计`DMADV`推进流程", "产品一次交验合格率变化趋势"};

#define TEXTBOX_TEXT "专家评价：该公司六西格玛设计体系完整，工具应用规范，成效显著，具有行业示范作用。"
#define FOOTNOTE_TEXT "数据来源：公司质量管理部年度质量报告，统计期间为`2021`年至`2023`年。"
/* dossier-math-notes: the footnotes (ids 2, 3 in one paragraph, 4 long) and the drop-down */
static const char *const math_notes[3] = {
    "六西格玛设计的五个阶段依次为定义、测量、分析、设计和验证。",
    "西格玛水平按每百万机会缺陷数折算，`6`西格玛相当于每百万机会`3.4`个缺陷。",
    "稳健设计又称田口方法，其基本思想是通过选择可控因素的水平组合，使产品性能对噪声因素的变化不敏感，"
    "从而在不提高零部件精度、不增加制造成本的前提下提高产品质量的稳定性。公司在主轴部件设计中，"
    "将轴承预紧力、润滑油黏度和装配间隙作为可控因素，将环境温度、负载波动和转速变化作为噪声因素，"
    "采用正交试验安排试验方案，以信噪比作为评价指标，经过三轮试验确定了最优参数组合。"
    "验证结果表明，主轴温升的波动范围缩小了一半以上，热变形引起的精度损失显著降低，"
    "该方法随后推广到进给系统和刀库部件的设计中。"};
/* … and a footnote cited in a cell of 表1 (Word sets it at the page's foot, as any other), with
 * two symbols neither CJK face has (⬤ U+2B24, ⊗ U+2297: the dossier's symbol face draws them) */
#define TABLE_NOTE_TEXT "设计方案须经公司技术委员会评审（⬤ 通过，⊗ 不通过），评审记录随方案一并归档。"
#define TABLE_NOTE_CELL (3 * 3 + 2) /* 表1, row 分析, column 输出成果 */
#define ENDNOTE_TEXT "参见《质量管理体系要求》及公司六西格玛设计实施指南。"
#define DROPDOWN_LABEL "评价等级："
#define DROPDOWN_VALUE "优秀"
#define TRACK_INS "公司还建立了项目月度例会制度，及时协调解决推进中的问题。"
#define TRACK_DEL "原则上由各部门自行组织开展相关工作。"
/* Running text that starts the way a caption does: a full stop makes it body text. */
#define CAPLIKE_TEXT "表`1`列出了各阶段的主要任务和输出成果。"

/* Section layouts: fixed blocks in reading order. */
typedef enum { B_PARA, B_SUB, B_TAB, B_FIG } btype;
typedef struct {
    btype t;
    int i;
} block;

static const block abstract_layout[] = {{B_PARA, 0}, {B_PARA, 1}};
static const block overview_layout[] = {{B_PARA, 0}, {B_PARA, 1}, {B_PARA, 2}};
static const block practice_layout[] = {
    {B_SUB, 0}, {B_PARA, 0}, {B_PARA, 1},
    {B_SUB, 1}, {B_PARA, 2}, {B_FIG, 0}, {B_PARA, 3}, {B_PARA, 4},
    {B_SUB, 2}, {B_PARA, 5}, {B_PARA, 6}, {B_TAB, 0}, {B_PARA, 7}, {B_PARA, 8}, {B_PARA, 9},
    {B_SUB, 3}, {B_PARA, 10}, {B_PARA, 11}, {B_PARA, 12}, {B_PARA, 13},
};
static const block results_layout[] = {
    {B_PARA, 0}, {B_TAB, 1}, {B_PARA, 1}, {B_PARA, 2}, {B_FIG, 1}, {B_PARA, 3}, {B_PARA, 4},
};

typedef struct {
    const block *layout;
    size_t nlayout;
    const char *const *pool;
    size_t npool;
} sec_def;

#define N_(a) (sizeof(a) / sizeof((a)[0]))
static const sec_def sec_defs[QB_NSEC] = {
    [QB_SEC_ABSTRACT] = {abstract_layout, N_(abstract_layout), abstract_pool, N_(abstract_pool)},
    [QB_SEC_OVERVIEW] = {overview_layout, N_(overview_layout), overview_pool, N_(overview_pool)},
    [QB_SEC_PRACTICE] = {practice_layout, N_(practice_layout), practice_pool, N_(practice_pool)},
    [QB_SEC_RESULTS] = {results_layout, N_(results_layout), results_pool, N_(results_pool)},
};

/* Where the extras sit (pool paragraph numbers, first use only). */
#define TRACK_PARA 1     /* practice: w:del at its start, w:ins at its end */
#define STRAY_PARA 6     /* practice: its 2nd sentence in 楷体 */
#define STRAY_SENTENCE 1
#define TEXTBOX_PARA 2   /* results: anchors the text box */
#define FOOTNOTE_PARA 1  /* results: ends with the footnote reference */
#define MATH_PARA 2      /* practice (dossier-math-notes): ends with two equations */
#define NOTES_PARA 3     /* … cites footnotes 2 and 3 */
#define LONGNOTE_PARA 4  /* … cites the long footnote 4 */
#define DROPDOWN_PARA 5  /* … ends with the drop-down field */
#define SECT1_PARA 0     /* results: ends the first (portrait) section, just before 表2's caption */
#define SECT2_PARA 1     /* results: ends the landscape section: caption, 表2, this paragraph */

/* ================================================================ formatting */

enum { K_TITLE, K_ABSHEAD, K_HEAD, K_SUBHEAD, K_BODY, K_NOTE, K_CAPTION, K_FIGURE, K_CELL, K_NKIND };

typedef struct {
    const char *ea; /* East Asian font */
    int sz;         /* half-points */
    int bold;
    const char *jc;
    int line;       /* 240ths of a line, lineRule auto */
    int indent;     /* first-line indent in 1/100 characters */
} kfmt;

/* The programme's format (seeds/003 附件2 (三)); headings, cells and notes are kept in
 * the body format too, so no reading of "body text" can call them wrong. */
static const kfmt base_fmt[K_NKIND] = {
    [K_TITLE] = {"黑体", 36, 0, "center", 240, 0},
    [K_ABSHEAD] = {"宋体", 28, 1, "center", 240, 0},
    [K_HEAD] = {"宋体", 24, 1, "both", 240, 0},
    [K_SUBHEAD] = {"宋体", 24, 1, "both", 240, 200},
    [K_BODY] = {"宋体", 24, 0, "both", 240, 200},
    [K_NOTE] = {"宋体", 24, 0, "both", 240, 0},
    [K_CAPTION] = {"宋体", 21, 1, "center", 240, 0},
    [K_FIGURE] = {"宋体", 24, 0, "center", 240, 0},
    [K_CELL] = {"宋体", 24, 0, "center", 240, 0},
};
#define LATIN_FONT "Times New Roman"

/* How the formatting is expressed. */
typedef enum {
    M_DIRECT,      /* direct pPr/rPr on every paragraph and run, over Word 2016 defaults (等线 五号) */
    M_STYLES,      /* a basedOn chain of custom styles with Chinese ids; headings numbered by style */
    M_DEFAULTS,    /* body only through docDefaults; title, headings, captions through styles */
    M_THEME,       /* fonts only through theme1.xml (minor ea 宋体, major ea 黑体) */
    M_THEME_SCRIPT /* theme with empty <a:ea>: the Hans script fonts decide (w:lang zh-CN) */
} fmt_mode;

/* Effective formatting of the "Normal" style in each mode (what styles inherit). */
static kfmt normal_fmt(fmt_mode m)
{
    kfmt n = {"等线", 21, 0, "both", 240, 0};
    if (m == M_DEFAULTS) {
        n.ea = "宋体";
        n.sz = 24;
        n.indent = 200;
    } else if (m == M_THEME || m == M_THEME_SCRIPT) {
        n.ea = "宋体";
        n.sz = 24;
    }
    return n;
}

/* Style ids in the manner of Chinese Word ("a", "a0" …, "af", "af0" …). */
static const char *const kind_style_id[K_NKIND] = {
    [K_TITLE] = "af5", [K_ABSHEAD] = "af6", [K_HEAD] = "af1", [K_SUBHEAD] = "af2", [K_BODY] = "af",
    [K_NOTE] = "af0", [K_CAPTION] = "af3", [K_FIGURE] = "af4", [K_CELL] = "af7",
};
static const char *const kind_style_name[K_NKIND] = {
    [K_TITLE] = "经验标题", [K_ABSHEAD] = "摘要标题", [K_HEAD] = "章节标题", [K_SUBHEAD] = "小节标题",
    [K_BODY] = "经验正文", [K_NOTE] = "文本框文字", [K_CAPTION] = "图表标题", [K_FIGURE] = "图片居中",
    [K_CELL] = "经验表格",
};
/* basedOn parent kind in the chained modes (-1: Normal). */
static const int kind_parent[K_NKIND] = {
    [K_TITLE] = -1, [K_ABSHEAD] = K_BODY, [K_HEAD] = K_BODY, [K_SUBHEAD] = K_HEAD, [K_BODY] = -1,
    [K_NOTE] = K_BODY, [K_CAPTION] = K_BODY, [K_FIGURE] = K_BODY, [K_CELL] = -1,
};
/* Styles for the toggle samples (direct mode plus these). */
#define ST_ABS_BOLD_P "af8" /* paragraph style: bold */
#define ST_ABS_BOLD_C "af9" /* character style: bold */
#define ST_CAP_BOLD_P "afa" /* paragraph style: bold */
#define ST_CAP_TEXT_C "afb" /* character style: 宋体 五号, no bold */

/* ================================================================ samples */

enum {
    F_INLINE = 1u << 0,       /* "摘要：" inline; 第一部分 (numbering) / （二）主要做法 / 3. 取得成效 */
    F_TRACKED = 1u << 1,      /* w:ins kept, w:del dropped */
    F_TEXTBOX_FN = 1u << 2,   /* a text box and a footnote in 实施效果 */
    F_STRAY = 1u << 3,        /* one sentence of 推进和应用情况 in 楷体 */
    F_TOGGLE_OFF = 1u << 4,   /* 摘要: bold paragraph style + bold character style = not bold */
    F_TOGGLE_ON = 1u << 5,    /* same plus direct bold; captions bold by paragraph style only */
    F_LO_FONTS = 1u << 6,     /* one paragraph with theme attributes beside wrong font names */
    F_SEQ_COMPLEX = 1u << 7,  /* captions numbered by SEQ fields 表格 / 图表 (fldChar) */
    F_SEQ_SIMPLE = 1u << 8,   /* captions numbered by fldSimple SEQ 表 / 图 */
    F_TCAP_BELOW = 1u << 9,   /* 表1's caption below its table */
    F_FCAP_ABOVE = 1u << 10,  /* 图1's caption above its figure */
    F_NO_TCAP2 = 1u << 11,    /* 表2 has no caption */
    F_CAP_GAP = 1u << 12,     /* tables numbered 表1, 表3 */
    F_CAPLIKE_BODY = 1u << 13,/* a body sentence that opens like a caption, below 表1 */
    F_TOC_FIELD = 1u << 14,   /* 目录 and a TOC field (fldChar, nested PAGEREF) after the title */
    F_TOC_FIRST = 1u << 15,   /* the table of contents before the title */
    F_TOC_SDT = 1u << 16,     /* the entries in an SDT of the "Table of Contents" gallery, no field */
    F_TOC_DOTTED = 1u << 17,  /* 目录 and lines "摘要……1" typed with dot leaders: no field, no style */
    F_HEAD_BRACKETS = 1u << 18, /* 【摘要】 ［企业概况］ [推进和应用情况] 实施效果: */
    F_HEAD_COLONS = 1u << 19, /* 摘要: 一、企业概况： 二、主要做法: 三、取得成效： */
    F_TITLE_2LINES = 1u << 20,/* the title over two centred lines: company / the rest */
    F_SUBTITLE = 1u << 21,    /* the title and a ——subtitle line (楷体 四号 bold) */
    F_FORM_TABLE = 1u << 22,  /* headings in a table's first column, their text in the cell beside */
    F_FORM_ACROSS = 1u << 23, /* headings side by side in a table's first row: undecidable */
    F_CHARTS = 1u << 24,      /* 图1 is three Word charts (column, pie, line), each with its caption */
    F_CHARTS_HOSTILE = 1u << 25, /* 图1 is a good chart and six broken or hostile chart parts */
    F_SHAPES = 1u << 26,      /* 图1 a flowchart of Word shapes (a group, connectors) and a VML box */
    F_MATH_NOTES = 1u << 27,  /* 推进和应用情况: equations, four footnotes (one long, one in 表1), a drop-down field */
};

typedef enum { PG_A4, PG_LETTER, PG_MID_LANDSCAPE, PG_ZERO, PG_NONE } page_kind;
typedef enum { O_NONE = 0, O_FONT, O_SIZE, O_BOLD, O_JC, O_LINE } ovr_what;
typedef struct {
    int kind;
    ovr_what what;
    int ival;
    const char *sval;
} ovr;

#define ABSENT (-1L)
#define NAT (-2L) /* exactly the section's layout: every fixed paragraph once, no closing one */
typedef struct {
    const char *name;
    const char *desc;
    const char *findings; /* "rule severity" lines joined by ';' — DESIGN §3 ids only */
    fmt_mode mode;
    const char *title;
    long target[QB_NSEC]; /* section totals in 字 (title: unused); ABSENT = no such section */
    unsigned flags;
    page_kind page;
    ovr ovr[2];
} sample;

#define T_STD {0, NAT, NAT, NAT, NAT}

static const sample samples[] = {
    {"compliant-direct", "compliant; every paragraph and run formatted directly over Word 2016 defaults (等线 五号)",
     "", M_DIRECT, TITLE_OK, T_STD, 0, PG_A4, {{0}}},
    {"compliant-styles", "compliant; formatting only through a basedOn chain of custom styles (ids a, af, af0 …), headings numbered 一、 by style, SEQ 表格/图表 captions",
     "", M_STYLES, TITLE_OK, T_STD, F_SEQ_COMPLEX, PG_A4, {{0}}},
    {"compliant-defaults", "compliant; body formatting only through docDefaults (宋体 小四), title/headings/captions through styles",
     "", M_DEFAULTS, TITLE_OK, T_STD, 0, PG_A4, {{0}}},
    {"compliant-theme", "compliant; fonts only through theme1.xml (minorEastAsia 宋体, majorEastAsia 黑体), one LibreOffice-style paragraph with wrong explicit names beside theme attributes, fldSimple SEQ captions",
     "", M_THEME, TITLE_OK, T_STD, F_LO_FONTS | F_SEQ_SIMPLE, PG_A4, {{0}}},
    {"compliant-theme-script", "compliant; theme with empty <a:ea>, fonts from the Hans script entries (w:lang eastAsia zh-CN)",
     "", M_THEME_SCRIPT, TITLE_OK, T_STD, 0, PG_A4, {{0}}},
    /* Sections and counts are clean, but an inline "摘要：" cannot be centred as seeds/003
     * requires, so qb-lint reports it (the name predates that decision; golden tests use it). */
    {"compliant-inline-abstract", "\"摘要：\" inline with the text, headings 第一部分 (automatic numbering) 企业概况 / （二）主要做法 / 3. 取得成效; only the inline 摘要 heading is not centred",
     "format.abstract-heading error", M_DIRECT, TITLE_OK, T_STD, F_INLINE, PG_A4, {{0}}},
    {"compliant-toggle", "compliant; 摘要 bold by paragraph style + bold character style + direct bold (direct wins); captions bold by paragraph style with a non-bold character style",
     "", M_DIRECT, TITLE_OK, T_STD, F_TOGGLE_ON, PG_A4, {{0}}},
    {"edge-limits", "compliant; every section exactly at its limit (40 / 500 / 500 / 8000 / 2000)",
     "", M_DIRECT, COMPANY "实施六西格玛设计提升高端数控机床主轴部件运行可靠性的经验",
     {0, 500, 500, 8000, 2000}, 0, PG_A4, {{0}}},
    {"long-8000", "compliant; 推进和应用情况 of 7990 字, for benchmarks",
     "", M_DIRECT, TITLE_OK, {0, NAT, NAT, 7990, NAT}, 0, PG_A4, {{0}}},
    {"over-title", "title of 41 字 (limit 40)",
     "count.title error", M_DIRECT, COMPANY "实施六西格玛设计提升高端数控机床电主轴部件运行可靠性的经验",
     T_STD, 0, PG_A4, {{0}}},
    {"over-abstract", "摘要 of 501 字 (limit 500)",
     "count.abstract error", M_DIRECT, TITLE_OK, {0, 501, NAT, NAT, NAT}, 0, PG_A4, {{0}}},
    {"over-overview", "企业概况 of 501 字 (limit 500)",
     "count.overview error", M_DIRECT, TITLE_OK, {0, NAT, 501, NAT, NAT}, 0, PG_A4, {{0}}},
    {"over-practice", "推进和应用情况 of 8001 字 (limit 8000)",
     "count.practice error", M_DIRECT, TITLE_OK, {0, NAT, NAT, 8001, NAT}, 0, PG_A4, {{0}}},
    {"over-results", "实施效果 of 2001 字 (limit 2000)",
     "count.results error", M_DIRECT, TITLE_OK, {0, NAT, NAT, NAT, 2001}, 0, PG_A4, {{0}}},
    {"missing-overview", "no 企业概况 section at all",
     "section.missing error", M_DIRECT, TITLE_OK, {0, NAT, ABSENT, NAT, NAT}, 0, PG_A4, {{0}}},
    {"bad-title-naming", "title names neither the company nor 经验 (关于推进六西格玛设计的工作总结)",
     "title.naming warning", M_DIRECT, "关于推进六西格玛设计的工作总结", T_STD, 0, PG_A4, {{0}}},
    {"tracked-changes", "unaccepted revisions in 推进和应用情况: one w:ins (counts), one w:del (does not)",
     "", M_DIRECT, TITLE_OK, T_STD, F_TRACKED, PG_A4, {{0}}},
    {"textbox-footnote", "a text box (DrawingML with VML fallback) and a footnote in 实施效果, both counted once",
     "", M_DIRECT, TITLE_OK, T_STD, F_TEXTBOX_FN, PG_A4, {{0}}},
    {"fmt-page-letter", "US Letter paper (12240 x 15840 twips) instead of A4",
     "format.page error", M_DIRECT, TITLE_OK, T_STD, 0, PG_LETTER, {{0}}},
    {"fmt-page-landscape", "a landscape A4 section in the middle (around 表2); first and last sections portrait",
     "format.page error", M_DIRECT, TITLE_OK, T_STD, 0, PG_MID_LANDSCAPE, {{0}}},
    {"fmt-page-zero", "a page size of 0 x 0 twips (w:pgSz w:w=\"0\" w:h=\"0\")",
     "format.page error", M_DIRECT, TITLE_OK, T_STD, 0, PG_ZERO, {{0}}},
    {"fmt-page-unset", "no w:sectPr at all (as pandoc writes): the paper is whatever the reader's default is",
     "format.page warning", M_DIRECT, TITLE_OK, T_STD, 0, PG_NONE, {{0}}},
    {"fmt-title-font", "title in 宋体 instead of 黑体",
     "format.title error", M_DIRECT, TITLE_OK, T_STD, 0, PG_A4, {{K_TITLE, O_FONT, 0, "宋体"}}},
    {"fmt-title-size", "title in 三号 (sz 32) instead of 小二 (sz 36)",
     "format.title error", M_DIRECT, TITLE_OK, T_STD, 0, PG_A4, {{K_TITLE, O_SIZE, 32, NULL}}},
    {"fmt-title-align", "title left-aligned instead of centred",
     "format.title error", M_DIRECT, TITLE_OK, T_STD, 0, PG_A4, {{K_TITLE, O_JC, 0, "left"}}},
    {"fmt-abstract-heading", "\"摘要\" heading not bold",
     "format.abstract-heading error", M_DIRECT, TITLE_OK, T_STD, 0, PG_A4, {{K_ABSHEAD, O_BOLD, 0, NULL}}},
    {"fmt-body-font", "every abstract and body paragraph in 仿宋",
     "format.body-font error", M_DIRECT, TITLE_OK, T_STD, 0, PG_A4, {{K_BODY, O_FONT, 0, "仿宋"}}},
    {"fmt-body-stray-run", "one sentence of 推进和应用情况 in 楷体 (about 3% of the section)",
     "format.body-font warning", M_DIRECT, TITLE_OK, T_STD, F_STRAY, PG_A4, {{0}}},
    {"fmt-body-size", "every abstract and body paragraph in 五号 (sz 21)",
     "format.body-size error", M_DIRECT, TITLE_OK, T_STD, 0, PG_A4, {{K_BODY, O_SIZE, 21, NULL}}},
    {"fmt-line-spacing", "every abstract and body paragraph at 1.5 lines (line 360 auto)",
     "format.line-spacing error", M_DIRECT, TITLE_OK, T_STD, 0, PG_A4, {{K_BODY, O_LINE, 360, NULL}}},
    {"fmt-caption-table-below", "表1's caption directly below its table",
     "format.caption-position error", M_DIRECT, TITLE_OK, T_STD, F_TCAP_BELOW, PG_A4, {{0}}},
    {"fmt-caption-figure-above", "图1's caption directly above its figure",
     "format.caption-position error", M_DIRECT, TITLE_OK, T_STD, F_FCAP_ABOVE, PG_A4, {{0}}},
    {"fmt-caption-missing", "表2 has no caption",
     "format.caption-position error", M_DIRECT, TITLE_OK, T_STD, F_NO_TCAP2, PG_A4, {{0}}},
    {"fmt-caption-style", "all four captions not bold",
     "format.caption-style error", M_DIRECT, TITLE_OK, T_STD, 0, PG_A4, {{K_CAPTION, O_BOLD, 0, NULL}}},
    {"fmt-caption-numbering", "tables numbered 表1, 表3 (a gap)",
     "format.caption-numbering error", M_DIRECT, TITLE_OK, T_STD, F_CAP_GAP, PG_A4, {{0}}},
    {"caption-like-body", "compliant; below 表1 a body sentence that opens like a caption (表1列出了……。)",
     "", M_DIRECT, TITLE_OK, T_STD, F_CAPLIKE_BODY, PG_A4, {{0}}},
    {"fmt-toggle-bold", "摘要 bold by paragraph style and by character style: Word shows it NOT bold",
     "format.abstract-heading error", M_DIRECT, TITLE_OK, T_STD, F_TOGGLE_OFF, PG_A4, {{0}}},
    /* Layouts of real drafts (issue 9): each finds all five sections with the standard counts. */
    {"layout-toc-field", "compliant; 目录 and a TOC field (fldChar, TOC \\o, nested PAGEREF, no TOC styles) between the title and 摘要",
     "", M_DIRECT, TITLE_OK, T_STD, F_TOC_FIELD, PG_A4, {{0}}},
    {"layout-toc-field-first", "compliant; the same table of contents above the title",
     "", M_DIRECT, TITLE_OK, T_STD, F_TOC_FIELD | F_TOC_FIRST, PG_A4, {{0}}},
    {"layout-toc-sdt", "compliant; a table of contents in an SDT of the \"Table of Contents\" gallery (no field, no TOC styles)",
     "", M_DIRECT, TITLE_OK, T_STD, F_TOC_SDT, PG_A4, {{0}}},
    {"layout-toc-dotted", "compliant; 目录 and lines typed as 摘要……1 (dot leaders and page numbers; no field, no style)",
     "", M_DIRECT, TITLE_OK, T_STD, F_TOC_DOTTED, PG_A4, {{0}}},
    {"layout-headings-brackets", "compliant; headings 【摘要】 ［企业概况］ [管理方法（技术）的推进和应用情况] 管理方法（技术）的实施效果: (ASCII colon)",
     "", M_DIRECT, TITLE_OK, T_STD, F_HEAD_BRACKETS, PG_A4, {{0}}},
    {"layout-headings-colons", "compliant; headings 摘要: 一、企业概况： 二、主要做法: 三、取得成效：",
     "", M_DIRECT, TITLE_OK, T_STD, F_HEAD_COLONS, PG_A4, {{0}}},
    {"layout-title-two-lines", "compliant; a long title over two centred 黑体 小二 lines: 某某精工机械制造有限公司实施六西格玛设计 / 提升主轴部件可靠性的经验",
     "", M_DIRECT, TITLE_2LINES, T_STD, F_TITLE_2LINES, PG_A4, {{0}}},
    {"layout-title-subtitle", "compliant; the title and a subtitle line ——以数控机床主轴部件研发为例 (楷体 四号 bold), counted in the title",
     "", M_DIRECT, TITLE_OK "——以数控机床主轴部件研发为例", T_STD, F_SUBTITLE, PG_A4, {{0}}},
    {"dossier-math-notes", "compliant; in 推进和应用情况 two equations (a fraction, a superscript, subscripts, a sum, a function; not counted), "
     "two footnotes cited in one paragraph and a long one in another, one cited in a cell of 表1, and a legacy drop-down form field showing its third entry",
     "", M_DIRECT, TITLE_OK, T_STD, F_MATH_NOTES, PG_A4, {{0}}},
    {"layout-form-table", "compliant; a form: the title, then a table with each heading in its first column and the section's text in the cell beside it",
     "", M_DIRECT, TITLE_OK, T_STD, F_FORM_TABLE, PG_A4, {{0}}},
    {"shapes-flowchart", "compliant; 图1 is a flowchart drawn with Word shapes: a group of a terminator, two process boxes, a decision diamond and an ellipse with text, joined by arrow connectors (straight and elbow), a nested legend group rotated 90°, then a VML rectangle with a note in a w:pict",
     "", M_DIRECT, TITLE_OK, T_STD, F_SHAPES, PG_A4, {{0}}},
    {"layout-form-across", "a table naming the four sections side by side in its first row, their text below: which text is whose cannot be read",
     "section.layout error;section.missing error", M_DIRECT, TITLE_OK, {0, ABSENT, ABSENT, ABSENT, ABSENT},
     F_FORM_ACROSS, PG_A4, {{0}}},
    /* Word charts (issue 11): drawn in the dossier from their parts' caches */
    {"charts", "compliant; 图1 is three Word charts with captions 图1–图3 (a column chart of two series over Chinese categories, a pie, a line; chart text is not counted), the results' figure is 图4",
     "", M_DIRECT, TITLE_OK, T_STD, F_CHARTS, PG_A4, {{0}}},
    {"charts-hostile", "compliant; 图1–图7 are a good column chart and six chart parts the dossier cannot draw: counts over the bounds, 100 series, values that are no numbers, no cache, a 3D chart, an r:id naming no relationship",
     "", M_DIRECT, TITLE_OK, T_STD, F_CHARTS_HOSTILE, PG_A4, {{0}}},
};
#define NSAMPLES N_(samples)

/* ================================================================ charts */

/* The charts of F_CHARTS (in the place of 图1), as a write-up shows its figures: a
 * column chart of two series over Chinese categories (its value axis automatic), a pie
 * (two slices in colours of their own, the others varied by point), a line (its value axis
 * fixed by the document: 0 to 3.2 in steps of 0.8). Chart text is not the write-up's
 * text: it is not counted (only the captions are). */
static const char *const c1_cats[] = {"电主轴", "机械主轴", "数控转台", "滚珠丝杠副"};
static const char *const c1_names[] = {"2022年", "2023年"};
static const char *const c1_vals[] = {"8", "11", "5", "7", "12", "15", "7", "9.5"};
static const char *const c1_colors[] = {NULL, "C00000"};
static const char *const c2_cats[] = {"设计", "工艺", "采购", "制造", "其他"};
static const char *const c2_names[] = {"问题占比"};
static const char *const c2_vals[] = {"42", "23", "15", "12", "8"};
static const char *const c2_pt_colors[] = {"C00000", NULL, NULL, NULL, "7F7F7F"}; /* two slices in their own colours */
static const char *const c3_cats[] = {"2019年", "2020年", "2021年", "2022年", "2023年"};
static const char *const c3_names[] = {"早期故障率", "行业平均"};
static const char *const c3_vals[] = {"2.6", "1.9", "1.1", "0.6", "0.4", "2.8", "2.7", "2.5", "2.4", "2.3"};
#define CHART_COLUMN {"bar", "col", "各产品线六西格玛设计项目数", 4, c1_cats, 2, c1_names, c1_vals, c1_colors, 1, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL}
static const dw_chart good_charts[] = {
    CHART_COLUMN,
    {"pie", NULL, "质量问题来源分布", 5, c2_cats, 1, c2_names, c2_vals, NULL, 0, NULL, NULL, 0, 0, c2_pt_colors,
     NULL, NULL, NULL, NULL},
    {"line", NULL, "主轴早期故障率（%）", 5, c3_cats, 2, c3_names, c3_vals, NULL, 1, NULL, NULL, 0, 0, NULL, NULL, "0",
     "3.2", "0.8"},
};
static const char *const good_chart_captions[] = {"各产品线六西格玛设计项目数量", "质量问题来源分布",
                                                  "主轴早期故障率变化趋势"};

/* F_CHARTS_HOSTILE: the column chart, then parts that must give a placeholder, never a
 * crash: counts far over the bounds, too many series, values that are no numbers, no
 * cache at all, a 3D chart, and an r:id that names no relationship. */
static const char *const bad_vals[] = {"abc", "NaN", "1e999", "-inf", "", "0x", "1e400", "--1"};
static const dw_chart hostile_charts[] = {
    CHART_COLUMN,
    {"bar", "col", "点数过多", 4, c1_cats, 2, c1_names, c1_vals, NULL, 0, "4294967296", "2000000000", 0, 0, NULL, NULL, NULL, NULL, NULL},
    {"bar", "col", "系列过多", 4, c1_cats, 2, c1_names, c1_vals, NULL, 0, NULL, NULL, 0, 100, NULL, NULL, NULL, NULL, NULL},
    {"line", NULL, "数值无效", 4, c1_cats, 2, c1_names, bad_vals, NULL, 1, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL},
    {"bar", "col", "缺少缓存", 4, c1_cats, 2, c1_names, c1_vals, NULL, 0, NULL, NULL, 1, 0, NULL, NULL, NULL, NULL, NULL},
    {"bar3D", "col", "三维图表", 4, c1_cats, 2, c1_names, c1_vals, NULL, 0, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL},
    {"bar", "col", "缺少关系", 4, c1_cats, 2, c1_names, c1_vals, NULL, 0, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL},
};
static const char *const hostile_chart_captions[] = {"各产品线六西格玛设计项目数量", "点数过多的图表", "系列过多的图表",
                                                     "数值无效的图表", "缺少缓存的图表", "三维图表", "缺少关系的图表"};
#define CHART_MISSING_PART 6 /* hostile_charts[6]: its r:id names no relationship (and no part is written) */

/* The sample's charts (none: NULL). */
static const dw_chart *sample_charts(const sample *s, size_t *n, const char *const **captions)
{
    if (s->flags & F_CHARTS) {
        *n = N_(good_charts);
        *captions = good_chart_captions;
        return good_charts;
    }
    if (s->flags & F_CHARTS_HOSTILE) {
        *n = N_(hostile_charts);
        *captions = hostile_chart_captions;
        return hostile_charts;
    }
    *n = 0;
    *captions = NULL;
    return NULL;
}
#define CHART_CX 5274310L /* the text width, as Word inserts a chart */
#define CHART_CY 3076575L
#define CHART_RID 20      /* chart k is relationship rId(20+k), part word/charts/chart(k+1).xml */

/* ================================================================ generator */

typedef struct {
    const sample *s;
    kfmt f[K_NKIND];
    dw_xml doc;       /* word/document.xml */
    dw_xml notes;     /* footnote 1's paragraph, when the sample has one */
    figs fig[QB_NSEC];
    int cur;          /* section being written */
    int docpr;        /* next wp:docPr id */
    int attached;     /* extras actually placed (F_* bits) */
    qb_status st;     /* first non-XML failure (a broken construction) */
} gen;

static int styled(const gen *g, int kind)
{
    switch (g->s->mode) {
    case M_DIRECT: return 0;
    case M_DEFAULTS: return kind != K_BODY;
    default: return 1;
    }
}
static int theme_fonts(const gen *g)
{
    return g->s->mode == M_THEME || g->s->mode == M_THEME_SCRIPT;
}

/* ---- rFonts in each spelling */

static void rfonts_explicit(dw_xml *x, const char *ea, int hint)
{
    dw_printf(x, "<w:rFonts w:ascii=\"%s\" w:hAnsi=\"%s\" w:eastAsia=\"%s\"%s/>", LATIN_FONT, LATIN_FONT,
              ea, hint ? " w:hint=\"eastAsia\"" : "");
}

static void rfonts_theme(dw_xml *x, int major)
{
    const char *k = major ? "major" : "minor";
    dw_printf(x, "<w:rFonts w:asciiTheme=\"%sHAnsi\" w:eastAsiaTheme=\"%sEastAsia\" w:hAnsiTheme=\"%sHAnsi\"/>",
              k, k, k);
}

/* A font as a style or the defaults write it: theme attributes in the theme modes. */
static void rfonts_for(const gen *g, dw_xml *x, const char *ea)
{
    if (theme_fonts(g) && (strcmp(ea, "宋体") == 0 || strcmp(ea, "黑体") == 0))
        rfonts_theme(x, strcmp(ea, "黑体") == 0);
    else
        rfonts_explicit(x, ea, 0);
}

static void sz(dw_xml *x, int v)
{
    dw_printf(x, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", v, v);
}

static void spacing_ind(dw_xml *x, const kfmt *k, int with_ind)
{
    dw_printf(x, "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"%d\" w:lineRule=\"auto\"/>", k->line);
    if (with_ind)
        dw_printf(x, "<w:ind w:firstLineChars=\"%d\" w:firstLine=\"%d\"/>", k->indent,
                  k->indent * k->sz / 10);
}

/* ---- run properties */

typedef struct {
    const char *font;   /* East Asian font instead of the kind's */
    const char *rstyle; /* character style */
    int bold;           /* -1: the kind's; 0/1: direct value (direct mode) */
    int lo;             /* LibreOffice spelling: theme attributes beside wrong names */
} rextra;
static const rextra RX_NONE = {NULL, NULL, -1, 0};

static void rpr(gen *g, int kind, const rextra *e, int superscript)
{
    dw_xml *x = &g->doc;
    const kfmt *k = &g->f[kind];
    if (g->s->mode == M_DIRECT) {
        int bold = e->bold >= 0 ? e->bold : k->bold;
        dw_puts(x, "<w:rPr>");
        if (e->rstyle)
            dw_printf(x, "<w:rStyle w:val=\"%s\"/>", e->rstyle);
        rfonts_explicit(x, e->font ? e->font : k->ea, 1);
        if (bold)
            dw_puts(x, "<w:b/><w:bCs/>");
        sz(x, k->sz);
        if (superscript)
            dw_puts(x, "<w:vertAlign w:val=\"superscript\"/>");
        dw_puts(x, "</w:rPr>");
        return;
    }
    if (!e->font && !e->lo && !superscript)
        return;
    dw_puts(x, "<w:rPr>");
    if (e->lo)
        dw_puts(x, "<w:rFonts w:ascii=\"Liberation Serif\" w:hAnsi=\"Liberation Serif\" "
                   "w:eastAsia=\"Noto Serif CJK SC\" w:cs=\"Lohit Devanagari\" w:asciiTheme=\"minorHAnsi\" "
                   "w:hAnsiTheme=\"minorHAnsi\" w:eastAsiaTheme=\"minorEastAsia\"/>");
    else if (e->font)
        rfonts_explicit(x, e->font, 0);
    if (superscript)
        dw_puts(x, "<w:vertAlign w:val=\"superscript\"/>");
    dw_puts(x, "</w:rPr>");
}

/* ---- paragraph properties */

typedef enum { SECT_NONE, SECT_PORTRAIT, SECT_LANDSCAPE } sect_end;
typedef struct {
    const char *pstyle; /* explicit style (toggle samples) */
    int num_id;         /* direct numbering (0 none) */
    sect_end sect;      /* this paragraph ends a page section */
} pextra;
static const pextra PX_NONE = {NULL, 0, SECT_NONE};

static void sectpr(dw_xml *x, page_kind pg, int landscape, int next_page)
{
    long w = 11906, h = 16838;
    if (pg == PG_NONE)
        return; /* pandoc writes no page setup at all */
    if (pg == PG_LETTER) {
        w = 12240;
        h = 15840;
    }
    if (pg == PG_ZERO)
        w = h = 0;
    dw_puts(x, "<w:sectPr>");
    if (next_page)
        dw_puts(x, "<w:type w:val=\"nextPage\"/>");
    if (landscape)
        dw_printf(x, "<w:pgSz w:w=\"%ld\" w:h=\"%ld\" w:orient=\"landscape\"/>"
                     "<w:pgMar w:top=\"1800\" w:right=\"1440\" w:bottom=\"1800\" w:left=\"1440\" "
                     "w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>", h, w);
    else
        dw_printf(x, "<w:pgSz w:w=\"%ld\" w:h=\"%ld\"/>"
                     "<w:pgMar w:top=\"1440\" w:right=\"1800\" w:bottom=\"1440\" w:left=\"1800\" "
                     "w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>", w, h);
    dw_puts(x, "<w:cols w:space=\"425\"/><w:docGrid w:linePitch=\"312\"/></w:sectPr>");
}

static void p_open(gen *g, int kind, const pextra *e, const rextra *mark)
{
    dw_xml *x = &g->doc;
    const kfmt *k = &g->f[kind];
    dw_puts(x, "<w:p>");
    if (g->s->mode != M_DIRECT) {
        /* styles (or, for body text in M_DEFAULTS, docDefaults; for cells, the table
         * style) carry the formatting: only the style reference is written */
        int ref = styled(g, kind) && kind != K_CELL;
        if (!ref && !e->num_id && !e->sect)
            return;
        dw_puts(x, "<w:pPr>");
        if (ref)
            dw_printf(x, "<w:pStyle w:val=\"%s\"/>", kind_style_id[kind]);
        if (e->num_id)
            dw_printf(x, "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"%d\"/></w:numPr>", e->num_id);
        if (e->sect)
            sectpr(x, PG_A4, e->sect == SECT_LANDSCAPE, e->sect == SECT_LANDSCAPE);
        dw_puts(x, "</w:pPr>");
        return;
    }
    dw_puts(x, "<w:pPr>");
    if (e->pstyle)
        dw_printf(x, "<w:pStyle w:val=\"%s\"/>", e->pstyle);
    if (kind == K_HEAD || kind == K_SUBHEAD || kind == K_TITLE || kind == K_ABSHEAD)
        dw_puts(x, "<w:keepNext/>");
    if (e->num_id)
        dw_printf(x, "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"%d\"/></w:numPr>", e->num_id);
    spacing_ind(x, k, k->indent > 0);
    dw_printf(x, "<w:jc w:val=\"%s\"/>", k->jc);
    if (kind != K_FIGURE)
        rpr(g, kind, mark ? mark : &RX_NONE, 0);
    if (e->sect)
        sectpr(x, PG_A4, e->sect == SECT_LANDSCAPE, e->sect == SECT_LANDSCAPE);
    dw_puts(x, "</w:pPr>");
}

/* Markup without the backquotes, escaped. */
static void text_el(dw_xml *x, const char *m, size_t n, const char *el)
{
    dw_printf(x, "<w:%s xml:space=\"preserve\">", el);
    for (size_t i = 0; i < n; i++)
        if (m[i] != '`')
            dw_text(x, m + i, 1);
    dw_printf(x, "</w:%s>", el);
}

static void run(gen *g, int kind, const rextra *e, const char *m, size_t n)
{
    dw_puts(&g->doc, "<w:r>");
    rpr(g, kind, e, 0);
    text_el(&g->doc, m, n, "t");
    dw_puts(&g->doc, "</w:r>");
}

/* Count a text into the current section. */
static void count_in(gen *g, const char *m)
{
    if (g->st == QB_OK)
        g->st = mk_figs(m, &g->fig[g->cur]);
}

/* The text of a paragraph as one run per sentence (split after "。"); sentence
 * number stray (if >= 0) gets the font stray_font. */
static void sentences(gen *g, int kind, const rextra *e, const char *m, int stray, const char *stray_font)
{
    const char *p = m;
    int idx = 0;
    while (*p) {
        const char *end = strstr(p, "。");
        size_t n = end ? (size_t)(end - p) + strlen("。") : strlen(p);
        rextra re = *e;
        if (idx == stray)
            re.font = stray_font;
        run(g, kind, &re, p, n);
        p += n;
        idx++;
    }
    count_in(g, m);
}

static void simple_para(gen *g, int kind, const char *m)
{
    p_open(g, kind, &PX_NONE, NULL);
    sentences(g, kind, &RX_NONE, m, -1, NULL);
    dw_puts(&g->doc, "</w:p>");
}

/* ---- headings (never counted) */

static void heading(gen *g, int kind, const char *m, int num_id)
{
    pextra e = PX_NONE;
    e.num_id = num_id;
    p_open(g, kind, &e, NULL);
    figs keep = g->fig[g->cur];
    sentences(g, kind, &RX_NONE, m, -1, NULL);
    g->fig[g->cur] = keep; /* the heading line is not part of the section's count */
    dw_puts(&g->doc, "</w:p>");
}

/* ---- captions */

static void caption(gen *g, const char *label, int num, const char *text)
{
    pextra pe = PX_NONE;
    rextra re = RX_NONE;
    if (g->s->flags & F_TOGGLE_ON) {
        pe.pstyle = ST_CAP_BOLD_P;
        re.rstyle = ST_CAP_TEXT_C;
        re.bold = 0;
    }
    p_open(g, K_CAPTION, &pe, &re);
    char *numtok = qb_asprintf("`%d`", num);
    char *all = qb_asprintf("%s%s %s", label, numtok ? numtok : "", text);
    if (!numtok || !all) {
        g->st = QB_ERR_NOMEM;
    } else if (g->s->flags & (F_SEQ_COMPLEX | F_SEQ_SIMPLE)) {
        int is_table = strcmp(label, "表") == 0;
        char *lab = qb_asprintf("%s ", label);
        char *rest = qb_asprintf(" %s", text);
        char *n = qb_asprintf("%d", num);
        if (!lab || !rest || !n) {
            g->st = QB_ERR_NOMEM;
        } else {
            run(g, K_CAPTION, &re, lab, strlen(lab));
            if (g->s->flags & F_SEQ_COMPLEX) {
                /* Chinese Word's built-in caption labels: 表格 (Table) and 图表 (Figure). */
                const char *id = is_table ? "表格" : "图表";
                dw_puts(&g->doc, "<w:r>");
                rpr(g, K_CAPTION, &re, 0);
                dw_puts(&g->doc, "<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>");
                rpr(g, K_CAPTION, &re, 0);
                dw_printf(&g->doc, "<w:instrText xml:space=\"preserve\"> SEQ %s \\* ARABIC </w:instrText></w:r><w:r>", id);
                rpr(g, K_CAPTION, &re, 0);
                dw_puts(&g->doc, "<w:fldChar w:fldCharType=\"separate\"/></w:r>");
                run(g, K_CAPTION, &re, n, strlen(n));
                dw_puts(&g->doc, "<w:r>");
                rpr(g, K_CAPTION, &re, 0);
                dw_puts(&g->doc, "<w:fldChar w:fldCharType=\"end\"/></w:r>");
            } else {
                dw_printf(&g->doc, "<w:fldSimple w:instr=\" SEQ %s \\* ARABIC \">", label);
                run(g, K_CAPTION, &re, n, strlen(n));
                dw_puts(&g->doc, "</w:fldSimple>");
            }
            run(g, K_CAPTION, &re, rest, strlen(rest));
            count_in(g, all);
        }
        free(lab);
        free(rest);
        free(n);
    } else {
        run(g, K_CAPTION, &re, all, strlen(all));
        count_in(g, all);
    }
    free(numtok);
    free(all);
    dw_puts(&g->doc, "</w:p>");
}

/* ---- tables */

static void footnote_ref(gen *g, int id, const char *m);

static void table(gen *g, int ti)
{
    const tab_def *t = &tables[ti];
    int num = ti + 1;
    if (ti == 1 && (g->s->flags & F_CAP_GAP))
        num = 3;
    int cap = !(ti == 1 && (g->s->flags & F_NO_TCAP2));
    int below = ti == 0 && (g->s->flags & F_TCAP_BELOW);
    if (cap && !below)
        caption(g, t->label, num, t->text);
    dw_xml *x = &g->doc;
    dw_puts(x, "<w:tbl><w:tblPr>");
    if (styled(g, K_CELL))
        dw_printf(x, "<w:tblStyle w:val=\"%s\"/>", kind_style_id[K_CELL]);
    dw_puts(x, "<w:tblW w:w=\"5000\" w:type=\"pct\"/><w:jc w:val=\"center\"/><w:tblBorders>"
               "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
               "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
               "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
               "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
               "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
               "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
               "</w:tblBorders><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" "
               "w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
    for (int c = 0; c < t->cols; c++)
        dw_printf(x, "<w:gridCol w:w=\"%d\"/>", t->widths[c]);
    dw_puts(x, "</w:tblGrid>");
    for (int r = 0; r < t->rows; r++) {
        dw_puts(x, "<w:tr>");
        for (int c = 0; c < t->cols; c++) {
            dw_printf(x, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>",
                      t->widths[c]);
            p_open(g, K_CELL, &PX_NONE, NULL);
            const char *m = t->cells[r * t->cols + c];
            run(g, K_CELL, &RX_NONE, m, strlen(m));
            count_in(g, m);
            if (ti == 0 && r * t->cols + c == TABLE_NOTE_CELL && (g->s->flags & F_MATH_NOTES))
                footnote_ref(g, 5, TABLE_NOTE_TEXT);
            dw_puts(x, "</w:p></w:tc>");
        }
        dw_puts(x, "</w:tr>");
    }
    dw_puts(x, "</w:tbl>");
    if (cap && below)
        caption(g, t->label, num, t->text);
}

/* ---- figures */

#define FIG_CX 4572000L /* 12.7 cm */
#define FIG_CY 2286000L

/* The charts in the place of 图1, each in a centred paragraph of its own with its caption below. */
static void charts(gen *g)
{
    size_t n;
    const char *const *caps;
    sample_charts(g->s, &n, &caps);
    for (size_t k = 0; k < n; k++) {
        p_open(g, K_FIGURE, &PX_NONE, NULL);
        char rid[32];
        snprintf(rid, sizeof rid, "rId%zu", CHART_RID + k);
        dw_chart_run(&g->doc, g->docpr++, rid, CHART_CX, CHART_CY);
        dw_puts(&g->doc, "</w:p>");
        caption(g, "图", (int)k + 1, caps[k]);
    }
}

static void flowchart(gen *g);

static void figure(gen *g, int fi)
{
    if (fi == 0 && (g->s->flags & F_SHAPES)) {
        flowchart(g);
        caption(g, "图", fi + 1, figure_captions[fi]);
        return;
    }
    size_t ncharts;
    const char *const *caps;
    sample_charts(g->s, &ncharts, &caps);
    if (fi == 0 && ncharts) {
        charts(g);
        return;
    }
    int num = fi + (ncharts ? (int)ncharts : 1); /* after the charts, when they are 图1… */
    int above = fi == 0 && (g->s->flags & F_FCAP_ABOVE);
    if (above)
        caption(g, "图", num, figure_captions[fi]);
    p_open(g, K_FIGURE, &PX_NONE, NULL);
    int id = g->docpr++;
    dw_printf(&g->doc,
              "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
              "<wp:extent cx=\"%ld\" cy=\"%ld\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
              "<wp:docPr id=\"%d\" name=\"图片 %d\"/><wp:cNvGraphicFramePr>"
              "<a:graphicFrameLocks xmlns:a=\"" DW_NS_A "\" noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
              "<a:graphic xmlns:a=\"" DW_NS_A "\"><a:graphicData uri=\"" DW_NS_PIC "\">"
              "<pic:pic xmlns:pic=\"" DW_NS_PIC "\"><pic:nvPicPr><pic:cNvPr id=\"%d\" name=\"image%d.png\"/>"
              "<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rId%d\"/><a:stretch><a:fillRect/>"
              "</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%ld\" cy=\"%ld\"/>"
              "</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>"
              "</a:graphic></wp:inline></w:drawing></w:r></w:p>",
              FIG_CX, FIG_CY, id, id, id, fi + 1, 6 + fi, FIG_CX, FIG_CY);
    if (!above)
        caption(g, "图", num, figure_captions[fi]);
}

/* ---- a flowchart of Word shapes (F_SHAPES) */

/* The boxes in points within the group (360 x 252 pt); the group's child space is half
 * that (chExt = ext / 2), as Word writes a group that was resized. */
typedef struct {
    const char *prst, *text;
    int x, y, w, h;
} flow_box;
static const flow_box flow_boxes[] = {
    {"flowChartTerminator", "项目启动", 70, 0, 100, 30},
    {"flowChartProcess", "界定顾客需求", 60, 50, 120, 36},
    {"flowChartDecision", "设计是否达标", 60, 106, 120, 60},
    {"flowChartProcess", "优化设计方案", 230, 118, 120, 36},
    {"ellipse", "验证并推广", 70, 196, 100, 40},
};
/* Connectors: preset, box (x y w h, points), arrow at the end (tail) or start (head). */
static const struct {
    const char *prst;
    int x, y, w, h, head;
} flow_links[] = {
    {"straightConnector1", 120, 30, 0, 20, 0},
    {"straightConnector1", 120, 86, 0, 20, 0},
    {"straightConnector1", 120, 166, 0, 30, 0},
    {"straightConnector1", 180, 136, 50, 0, 0},
    {"bentConnector2", 180, 68, 110, 50, 1}, /* from 优化设计方案's top back to 界定顾客需求 */
};
#define FLOW_NOTE "注：菱形为评审决策点，未达标的设计返回需求界定。"
#define HALF_EMU(pt) ((long)(pt) * 6350L)

static void flow_text(gen *g, const char *m)
{
    dw_puts(&g->doc, "<wps:txbx><w:txbxContent>");
    p_open(g, K_NOTE, &PX_NONE, NULL);
    run(g, K_NOTE, &RX_NONE, m, strlen(m));
    dw_puts(&g->doc, "</w:p></w:txbxContent></wps:txbx>");
    count_in(g, m);
}

static void flowchart(gen *g)
{
    dw_xml *x = &g->doc;
    p_open(g, K_FIGURE, &PX_NONE, NULL);
    int id = g->docpr++;
    dw_printf(x, "<w:r><mc:AlternateContent><mc:Choice Requires=\"wpg\"><w:drawing>"
                 "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"4572000\" cy=\"3200400\"/>"
                 "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"%d\" name=\"组合 %d\"/>"
                 "<wp:cNvGraphicFramePr/><a:graphic xmlns:a=\"" DW_NS_A "\">"
                 "<a:graphicData uri=\"" DW_NS_WPG "\"><wpg:wgp xmlns:wpg=\"" DW_NS_WPG "\"><wpg:cNvGrpSpPr/>"
                 "<wpg:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"4572000\" cy=\"3200400\"/>"
                 "<a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"2286000\" cy=\"1600200\"/></a:xfrm></wpg:grpSpPr>",
              id, id);
    for (size_t i = 0; i < N_(flow_boxes); i++) {
        const flow_box *b = &flow_boxes[i];
        int sid = g->docpr++;
        dw_printf(x, "<wps:wsp><wps:cNvPr id=\"%d\" name=\"流程图 %d\"/><wps:cNvSpPr/><wps:spPr><a:xfrm>"
                     "<a:off x=\"%ld\" y=\"%ld\"/><a:ext cx=\"%ld\" cy=\"%ld\"/></a:xfrm>"
                     "<a:prstGeom prst=\"%s\"><a:avLst/></a:prstGeom>",
                  sid, sid, HALF_EMU(b->x), HALF_EMU(b->y), HALF_EMU(b->w), HALF_EMU(b->h), b->prst);
        if (strcmp(b->prst, "ellipse") == 0) /* colours from the theme, through the shape's style */
            dw_puts(x, "</wps:spPr><wps:style><a:lnRef idx=\"2\"><a:schemeClr val=\"accent6\"><a:shade val=\"50000\"/>"
                       "</a:schemeClr></a:lnRef><a:fillRef idx=\"1\"><a:schemeClr val=\"accent6\"><a:lumMod val=\"40000\"/>"
                       "<a:lumOff val=\"60000\"/></a:schemeClr></a:fillRef><a:effectRef idx=\"0\"><a:schemeClr val=\"accent6\"/>"
                       "</a:effectRef><a:fontRef idx=\"minor\"><a:schemeClr val=\"dk1\"/></a:fontRef></wps:style>");
        else
            dw_printf(x, "<a:solidFill><a:srgbClr val=\"%s\"/></a:solidFill><a:ln w=\"12700\"><a:solidFill>"
                         "<a:srgbClr val=\"2F5597\"/></a:solidFill></a:ln></wps:spPr>",
                      i == 2 ? "FFF2CC" : "DEEBF7");
        flow_text(g, b->text);
        /* Word's default insets; the ellipse's text without them, to have the room */
        dw_printf(x, "<wps:bodyPr rot=\"0\" vert=\"horz\" wrap=\"square\" lIns=\"%s\" tIns=\"%s\" rIns=\"%s\" "
                     "bIns=\"%s\" anchor=\"ctr\" anchorCtr=\"0\"><a:noAutofit/></wps:bodyPr></wps:wsp>",
                  i == 4 ? "0" : "91440", i == 4 ? "0" : "45720", i == 4 ? "0" : "91440", i == 4 ? "0" : "45720");
    }
    for (size_t i = 0; i < N_(flow_links); i++) {
        int sid = g->docpr++;
        dw_printf(x, "<wps:wsp><wps:cNvPr id=\"%d\" name=\"连接符 %d\"/><wps:cNvCnPr/><wps:spPr><a:xfrm>"
                     "<a:off x=\"%ld\" y=\"%ld\"/><a:ext cx=\"%ld\" cy=\"%ld\"/></a:xfrm>"
                     "<a:prstGeom prst=\"%s\"><a:avLst/></a:prstGeom><a:ln w=\"12700\"><a:solidFill>"
                     "<a:srgbClr val=\"000000\"/></a:solidFill><a:%sEnd type=\"triangle\"/></a:ln></wps:spPr>"
                     "<wps:bodyPr/></wps:wsp>",
                  sid, sid, HALF_EMU(flow_links[i].x), HALF_EMU(flow_links[i].y), HALF_EMU(flow_links[i].w),
                  HALF_EMU(flow_links[i].h), flow_links[i].prst, flow_links[i].head ? "head" : "tail");
    }
    /* a small legend, start → end, drawn across in a group and turned upright: the group
     * rotated 90° about its centre (320, 40 pt), its square and circle each rotated back */
    int gid = g->docpr++;
    dw_printf(x, "<wpg:grpSp><wpg:cNvPr id=\"%d\" name=\"图例 %d\"/><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm rot=\"5400000\">"
                 "<a:off x=\"%ld\" y=\"%ld\"/><a:ext cx=\"%ld\" cy=\"%ld\"/><a:chOff x=\"0\" y=\"0\"/>"
                 "<a:chExt cx=\"%ld\" cy=\"%ld\"/></a:xfrm></wpg:grpSpPr>",
              gid, gid, HALF_EMU(290), HALF_EMU(30), HALF_EMU(60), HALF_EMU(20), HALF_EMU(60), HALF_EMU(20));
    for (int k = 0; k < 3; k++) {
        int sid = g->docpr++;
        static const char *const prst[3] = {"rect", "straightConnector1", "ellipse"};
        dw_printf(x, "<wps:wsp><wps:cNvPr id=\"%d\" name=\"图例 %d\"/><wps:cNvSpPr/><wps:spPr><a:xfrm rot=\"%s\">"
                     "<a:off x=\"%ld\" y=\"%ld\"/><a:ext cx=\"%ld\" cy=\"%ld\"/></a:xfrm>"
                     "<a:prstGeom prst=\"%s\"><a:avLst/></a:prstGeom>%s<a:ln w=\"12700\"><a:solidFill>"
                     "<a:srgbClr val=\"%s\"/></a:solidFill>%s</a:ln></wps:spPr><wps:bodyPr/></wps:wsp>",
                  sid, sid, k == 1 ? "0" : "16200000", HALF_EMU(20 * k), HALF_EMU(k == 1 ? 10 : 3), HALF_EMU(20),
                  HALF_EMU(k == 1 ? 0 : 14), prst[k],
                  k == 1 ? "" : "<a:solidFill><a:srgbClr val=\"DEEBF7\"/></a:solidFill>", k == 1 ? "000000" : "2F5597",
                  k == 1 ? "<a:tailEnd type=\"triangle\"/>" : "");
    }
    dw_puts(x, "</wpg:grpSp>");
    dw_puts(x, "</wpg:wgp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback/>"
               "</mc:AlternateContent></w:r></w:p>");
    /* a note in a legacy VML rectangle, as older Word and WPS write boxes: its text at the
     * top (VML's default anchor), inset 10 pt across, 6 pt from the top */
    p_open(g, K_FIGURE, &PX_NONE, NULL);
    dw_puts(x, "<w:r><w:pict><v:rect style=\"width:330pt;height:36pt\" fillcolor=\"#f2f2f2\" strokecolor=\"#7f7f7f\" "
               "strokeweight=\"1pt\"><v:textbox inset=\"10pt,6pt,10pt,2pt\"><w:txbxContent>");
    p_open(g, K_NOTE, &PX_NONE, NULL);
    run(g, K_NOTE, &RX_NONE, FLOW_NOTE, strlen(FLOW_NOTE));
    dw_puts(x, "</w:p></w:txbxContent></v:textbox></v:rect></w:pict></w:r></w:p>");
    count_in(g, FLOW_NOTE);
}

/* ---- the extras inside body paragraphs */

static void textbox_content(gen *g)
{
    p_open(g, K_NOTE, &PX_NONE, NULL);
    run(g, K_NOTE, &RX_NONE, TEXTBOX_TEXT, strlen(TEXTBOX_TEXT));
    dw_puts(&g->doc, "</w:p>");
}

/* An anchored text box as Word writes it: DrawingML (wps) with a VML fallback that
 * repeats the same text — a reader must count it once. */
static void textbox_run(gen *g)
{
    dw_xml *x = &g->doc;
    int id = g->docpr++;
    dw_printf(x, "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
                 "<wp:anchor distT=\"45720\" distB=\"45720\" distL=\"114300\" distR=\"114300\" simplePos=\"0\" "
                 "relativeHeight=\"251659264\" behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\">"
                 "<wp:simplePos x=\"0\" y=\"0\"/><wp:positionH relativeFrom=\"column\"><wp:posOffset>0</wp:posOffset>"
                 "</wp:positionH><wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>0</wp:posOffset></wp:positionV>"
                 "<wp:extent cx=\"5274310\" cy=\"640080\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
                 "<wp:wrapTopAndBottom/><wp:docPr id=\"%d\" name=\"文本框 %d\"/><wp:cNvGraphicFramePr/>"
                 "<a:graphic xmlns:a=\"" DW_NS_A "\"><a:graphicData uri=\"" DW_NS_WPS "\"><wps:wsp>"
                 "<wps:cNvSpPr txBox=\"1\"/><wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"5274310\" cy=\"640080\"/>"
                 "</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val=\"FFFFFF\"/>"
                 "</a:solidFill><a:ln w=\"9525\"><a:solidFill><a:srgbClr val=\"000000\"/></a:solidFill></a:ln></wps:spPr>"
                 "<wps:txbx><w:txbxContent>", id, id);
    textbox_content(g);
    dw_puts(x, "</w:txbxContent></wps:txbx><wps:bodyPr rot=\"0\" vert=\"horz\" wrap=\"square\" lIns=\"91440\" "
               "tIns=\"45720\" rIns=\"91440\" bIns=\"45720\" anchor=\"t\" anchorCtr=\"0\"><a:noAutofit/></wps:bodyPr>"
               "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
               "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\">"
               "<v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>");
    dw_printf(x, "<v:shape id=\"文本框 %d\" o:spid=\"_x0000_s1026\" type=\"#_x0000_t202\" "
                 "style=\"position:absolute;margin-left:0;margin-top:0;width:415.3pt;height:50.4pt;z-index:251659264;"
                 "mso-wrap-style:square\" strokeweight=\".75pt\"><v:textbox><w:txbxContent>", id);
    textbox_content(g);
    dw_puts(x, "</w:txbxContent></v:textbox><w10:wrap type=\"topAndBottom\"/></v:shape></w:pict></mc:Fallback>"
               "</mc:AlternateContent></w:r>");
    count_in(g, TEXTBOX_TEXT); /* once */
}

/* A reference to footnote id, and the note (text m) in footnotes.xml in the note format. */
static void footnote_ref(gen *g, int id, const char *m)
{
    dw_puts(&g->doc, "<w:r>");
    rpr(g, K_BODY, &RX_NONE, 1);
    dw_printf(&g->doc, "<w:footnoteReference w:id=\"%d\"/></w:r>", id);
    dw_xml *x = &g->notes;
    const kfmt *k = &g->f[K_NOTE];
    dw_printf(x, "<w:footnote w:id=\"%d\"><w:p><w:pPr>", id);
    spacing_ind(x, k, 0);
    dw_printf(x, "<w:jc w:val=\"%s\"/></w:pPr><w:r><w:rPr>", k->jc);
    rfonts_explicit(x, k->ea, 1);
    sz(x, k->sz);
    dw_puts(x, "<w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteRef/></w:r><w:r><w:rPr>");
    rfonts_explicit(x, k->ea, 1);
    sz(x, k->sz);
    dw_puts(x, "</w:rPr><w:t xml:space=\"preserve\"> </w:t></w:r><w:r><w:rPr>");
    rfonts_explicit(x, k->ea, 1);
    sz(x, k->sz);
    dw_puts(x, "</w:rPr>");
    text_el(x, m, strlen(m), "t");
    dw_puts(x, "</w:r></w:p></w:footnote>");
    count_in(g, m);
}

/* Two equations as Word writes them (OMML), inline at the end of a paragraph:
 * y_i = (x^2+1)/n + sum_{k=1}^{n} w_k and a/b + sin x (the function name plain, m:sty p,
 * as Word writes it; the variables in Word's default math italic). Word does not count them (DESIGN §4
 * as qbintake reads it): no count_in. */
static void equations(gen *g)
{
#define M_R(t) "<m:r><m:t>" t "</m:t></m:r>"
    dw_puts(&g->doc,
            "<m:oMath xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\">"
            "<m:sSub><m:e>" M_R("y") "</m:e><m:sub>" M_R("i") "</m:sub></m:sSub>" M_R("=")
            "<m:f><m:num><m:sSup><m:e>" M_R("x") "</m:e><m:sup>" M_R("2") "</m:sup></m:sSup>" M_R("+1")
            "</m:num><m:den>" M_R("n") "</m:den></m:f>" M_R("+")
            "<m:nary><m:naryPr><m:chr m:val=\"∑\"/><m:ctrlPr/></m:naryPr><m:sub>" M_R("k=1") "</m:sub><m:sup>"
            M_R("n") "</m:sup><m:e><m:sSub><m:e>" M_R("w") "</m:e><m:sub>" M_R("k") "</m:sub></m:sSub></m:e></m:nary>"
            "</m:oMath>");
    run(g, K_BODY, &RX_NONE, "，", strlen("，"));
    count_in(g, "，");
    dw_puts(&g->doc, "<m:oMath xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\">"
                     "<m:f><m:num>" M_R("a") "</m:num><m:den>" M_R("b") "</m:den></m:f>" M_R("+")
                     "<m:func><m:fName><m:r><m:rPr><m:sty m:val=\"p\"/></m:rPr><m:t>sin</m:t></m:r></m:fName>"
                     "<m:e>" M_R("x") "</m:e></m:func></m:oMath>");
#undef M_R
}

/* A legacy drop-down form field (FORMDROPDOWN) showing its third entry: Word writes
 * no result text for it, the value is w:result's index into the entries. */
static void dropdown(gen *g)
{
    run(g, K_BODY, &RX_NONE, DROPDOWN_LABEL, strlen(DROPDOWN_LABEL));
    dw_puts(&g->doc, "<w:r>");
    rpr(g, K_BODY, &RX_NONE, 0);
    dw_puts(&g->doc, "<w:fldChar w:fldCharType=\"begin\"><w:ffData><w:name w:val=\"评价等级\"/><w:enabled/>"
                     "<w:calcOnExit w:val=\"0\"/><w:ddList><w:result w:val=\"2\"/><w:listEntry w:val=\"合格\"/>"
                     "<w:listEntry w:val=\"良好\"/><w:listEntry w:val=\"" DROPDOWN_VALUE "\"/></w:ddList></w:ffData>"
                     "</w:fldChar></w:r><w:r>");
    rpr(g, K_BODY, &RX_NONE, 0);
    dw_puts(&g->doc, "<w:instrText xml:space=\"preserve\"> FORMDROPDOWN </w:instrText></w:r><w:r>");
    rpr(g, K_BODY, &RX_NONE, 0);
    dw_puts(&g->doc, "<w:fldChar w:fldCharType=\"end\"/></w:r>");
    count_in(g, DROPDOWN_LABEL DROPDOWN_VALUE);
}

static void tracked(gen *g, const char *el, int id, const char *m)
{
    int del = strcmp(el, "del") == 0;
    dw_printf(&g->doc, "<w:%s w:id=\"%d\" w:author=\"质量管理部\" w:date=\"2024-03-01T09:00:00Z\"><w:r>", el, id);
    rpr(g, K_BODY, &RX_NONE, 0);
    text_el(&g->doc, m, strlen(m), del ? "delText" : "t");
    dw_printf(&g->doc, "</w:r></w:%s>", el);
    if (!del)
        count_in(g, m);
}

/* One pool paragraph of the current section, with whatever extra this sample puts
 * into it; first is nonzero the first time the pool paragraph is used. */
static void body_para(gen *g, int pi, int first, int is_inline_abstract)
{
    const sample *s = g->s;
    const char *m = sec_defs[g->cur].pool[pi];
    pextra pe = PX_NONE;
    rextra re = RX_NONE;
    if (g->cur == QB_SEC_OVERVIEW && pi == 0 && first && (s->flags & F_LO_FONTS))
        re.lo = 1;
    if (g->cur == QB_SEC_RESULTS && first && s->page == PG_MID_LANDSCAPE) {
        if (pi == SECT1_PARA)
            pe.sect = SECT_PORTRAIT;
        if (pi == SECT2_PARA)
            pe.sect = SECT_LANDSCAPE;
    }
    p_open(g, K_BODY, &pe, &re);
    if (is_inline_abstract) {
        /* "摘要：" is the heading: 宋体 四号 bold, inside the abstract's first paragraph. */
        rextra he = RX_NONE;
        dw_puts(&g->doc, "<w:r>");
        rpr(g, K_ABSHEAD, &he, 0);
        text_el(&g->doc, "摘要：", strlen("摘要："), "t");
        dw_puts(&g->doc, "</w:r>");
    }
    if (g->cur == QB_SEC_RESULTS && pi == TEXTBOX_PARA && first && (s->flags & F_TEXTBOX_FN)) {
        textbox_run(g);
        g->attached |= F_TEXTBOX_FN;
    }
    if (g->cur == QB_SEC_PRACTICE && pi == TRACK_PARA && first && (s->flags & F_TRACKED))
        tracked(g, "del", 101, TRACK_DEL);
    int stray = g->cur == QB_SEC_PRACTICE && pi == STRAY_PARA && first && (s->flags & F_STRAY);
    sentences(g, K_BODY, &re, m, stray ? STRAY_SENTENCE : -1, "楷体");
    if (stray)
        g->attached |= F_STRAY;
    if (g->cur == QB_SEC_PRACTICE && pi == TRACK_PARA && first && (s->flags & F_TRACKED)) {
        tracked(g, "ins", 102, TRACK_INS);
        g->attached |= F_TRACKED;
    }
    if (g->cur == QB_SEC_RESULTS && pi == FOOTNOTE_PARA && first && (s->flags & F_TEXTBOX_FN))
        footnote_ref(g, 1, FOOTNOTE_TEXT);
    if (g->cur == QB_SEC_PRACTICE && first && (s->flags & F_MATH_NOTES)) {
        if (pi == MATH_PARA)
            equations(g);
        if (pi == NOTES_PARA) {
            footnote_ref(g, 2, math_notes[0]);
            footnote_ref(g, 3, math_notes[1]);
        }
        if (pi == LONGNOTE_PARA) {
            footnote_ref(g, 4, math_notes[2]);
            dw_puts(&g->doc, "<w:r>");
            rpr(g, K_BODY, &RX_NONE, 1);
            dw_puts(&g->doc, "<w:endnoteReference w:id=\"1\"/></w:r>");
            count_in(g, ENDNOTE_TEXT);
        }
        if (pi == DROPDOWN_PARA) {
            dropdown(g);
            g->attached |= F_MATH_NOTES;
        }
    }
    dw_puts(&g->doc, "</w:p>");
}

/* The closing paragraph of exactly n 字 (n >= FILLER_MIN). */
static char *filler_text(long n)
{
    qb_buf b = {0};
    qb_status st = QB_OK;
    long m = n;
    size_t i = 0;
    while (st == QB_OK && m - 7 >= FILLER_MIN) {
        st = qb_buf_adds(&b, filler_clauses[i++ % N_(filler_clauses)]);
        if (st == QB_OK)
            st = qb_buf_adds(&b, "，");
        m -= 7;
    }
    if (st == QB_OK)
        st = qb_buf_adds(&b, filler_ends[m - 1]);
    if (st == QB_OK)
        st = qb_buf_adds(&b, "。");
    if (st != QB_OK) {
        qb_buf_free(&b);
        return NULL;
    }
    return qb_buf_take(&b);
}

static void subhead(gen *g, int i)
{
    const char *pre = (g->s->flags & F_INLINE) ? subhead_arabic[i] : subhead_cn[i];
    char *m = qb_asprintf("%s%s", pre, subheads[i]);
    if (!m) {
        g->st = QB_ERR_NOMEM;
        return;
    }
    p_open(g, K_SUBHEAD, &PX_NONE, NULL);
    sentences(g, K_SUBHEAD, &RX_NONE, m, -1, NULL);
    dw_puts(&g->doc, "</w:p>");
    free(m);
}

/* A form's cells hold text only: its sections leave out their tables and figures. */
static int block_used(const gen *g, const block *bl)
{
    return !((g->s->flags & F_FORM_TABLE) && (bl->t == B_TAB || bl->t == B_FIG));
}

/* Figures of the fixed blocks and extras of a section (everything but the pool
 * paragraphs and the closing one), by the same arithmetic as mk_figs. */
static qb_status fixed_figs(const gen *g, int sec, figs *f)
{
    const sample *s = g->s;
    const sec_def *d = &sec_defs[sec];
    qb_status st = QB_OK;
    *f = (figs){0, 0};
    for (size_t b = 0; b < d->nlayout && st == QB_OK; b++) {
        const block *bl = &d->layout[b];
        if (!block_used(g, bl))
            continue;
        if (bl->t == B_SUB) {
            st = mk_figs((s->flags & F_INLINE) ? subhead_arabic[bl->i] : subhead_cn[bl->i], f);
            if (st == QB_OK)
                st = mk_figs(subheads[bl->i], f);
        } else if (bl->t == B_TAB) {
            const tab_def *t = &tables[bl->i];
            if (!(bl->i == 1 && (s->flags & F_NO_TCAP2))) {
                /* label (1) + number token (1 字, 1 char: numbers stay below 10) + text */
                f->words += 2;
                f->chars += 2;
                st = mk_figs(t->text, f);
            }
            for (int c = 0; c < t->rows * t->cols && st == QB_OK; c++)
                st = mk_figs(t->cells[c], f);
            if (st == QB_OK && bl->i == 0 && (s->flags & F_CAPLIKE_BODY))
                st = mk_figs(CAPLIKE_TEXT, f);
        } else if (bl->t == B_FIG) {
            size_t ncharts;
            const char *const *caps;
            sample_charts(s, &ncharts, &caps);
            for (size_t k = 0; k < (bl->i == 0 && ncharts ? ncharts : 1) && st == QB_OK; k++) {
                f->words += 2; /* label and number token, as for tables */
                f->chars += 2;
                st = mk_figs(bl->i == 0 && ncharts ? caps[k] : figure_captions[bl->i], f);
            }
        }
    }
    if (st == QB_OK && sec == QB_SEC_RESULTS && (s->flags & F_TEXTBOX_FN)) {
        st = mk_figs(TEXTBOX_TEXT, f);
        if (st == QB_OK)
            st = mk_figs(FOOTNOTE_TEXT, f);
    }
    if (st == QB_OK && sec == QB_SEC_PRACTICE && (s->flags & F_TRACKED))
        st = mk_figs(TRACK_INS, f);
    for (size_t i = 0; st == QB_OK && sec == QB_SEC_PRACTICE && (s->flags & F_SHAPES) && i < N_(flow_boxes); i++)
        st = mk_figs(flow_boxes[i].text, f);
    if (st == QB_OK && sec == QB_SEC_PRACTICE && (s->flags & F_SHAPES))
        st = mk_figs(FLOW_NOTE, f);
    if (sec == QB_SEC_PRACTICE && (s->flags & F_MATH_NOTES)) {
        for (int i = 0; i < 3 && st == QB_OK; i++)
            st = mk_figs(math_notes[i], f);
        if (st == QB_OK)
            st = mk_figs(TABLE_NOTE_TEXT, f);
        if (st == QB_OK)
            st = mk_figs(ENDNOTE_TEXT, f);
        if (st == QB_OK)
            st = mk_figs("，" DROPDOWN_LABEL DROPDOWN_VALUE, f);
    }
    return st;
}

static long pool_words(gen *g, const char *m)
{
    figs f = {0, 0};
    if (g->st == QB_OK)
        g->st = mk_figs(m, &f);
    return g->st == QB_OK ? f.words : -1;
}

/* The section's total in 字: the sample's figure, or for NAT the layout's own. */
static long section_target(gen *g, int sec)
{
    const sec_def *d = &sec_defs[sec];
    long t = g->s->target[sec];
    if (t == ABSENT)
        return 0;
    if (t != NAT)
        return t;
    figs f;
    if (g->st == QB_OK)
        g->st = fixed_figs(g, sec, &f);
    if (g->st != QB_OK)
        return 0;
    t = f.words;
    for (size_t b = 0; b < d->nlayout; b++)
        if (d->layout[b].t == B_PARA)
            t += pool_words(g, d->pool[d->layout[b].i]);
    return t;
}

/* A pool paragraph fits when it leaves nothing, or room for a closing paragraph. */
static int fits(long w, long rem)
{
    return w >= 0 && (w == rem || w + FILLER_MIN <= rem);
}

static void section_body(gen *g, int sec)
{
    const sec_def *d = &sec_defs[sec];
    figs fixed;
    if (g->st == QB_OK)
        g->st = fixed_figs(g, sec, &fixed);
    if (g->st != QB_OK)
        return;
    long target = section_target(g, sec);
    if (g->st != QB_OK)
        return;
    long rem = target - fixed.words;
    int inline_abs = sec == QB_SEC_ABSTRACT && (g->s->flags & F_INLINE);
    int first_para = 1;
    for (size_t b = 0; b < d->nlayout; b++) {
        const block *bl = &d->layout[b];
        if (!block_used(g, bl))
            continue;
        switch (bl->t) {
        case B_SUB: subhead(g, bl->i); break;
        case B_TAB:
            table(g, bl->i);
            if (bl->i == 0 && (g->s->flags & F_CAPLIKE_BODY))
                simple_para(g, K_BODY, CAPLIKE_TEXT);
            break;
        case B_FIG: figure(g, bl->i); break;
        case B_PARA: {
            long w = pool_words(g, d->pool[bl->i]);
            if (fits(w, rem)) {
                body_para(g, bl->i, 1, inline_abs && first_para);
                first_para = 0;
                rem -= w;
            }
            break;
        }
        }
    }
    /* Long sections reuse the pool, round after round. */
    for (size_t i = 0; rem > 0; i++) {
        long w = pool_words(g, d->pool[i % d->npool]);
        if (!fits(w, rem))
            break;
        body_para(g, (int)(i % d->npool), 0, inline_abs && first_para);
        first_para = 0;
        rem -= w;
    }
    if (rem > 0) {
        if (rem < FILLER_MIN || (inline_abs && first_para)) {
            fprintf(stderr, "mksample: %s: %s 的预算无法构造 / budget of %s cannot be built (%ld left)\n",
                    g->s->name, qb_sec_name_zh((qb_secid)sec), qb_sec_key((qb_secid)sec), rem);
            g->st = QB_ERR_USAGE;
            return;
        }
        char *m = filler_text(rem);
        if (!m) {
            g->st = QB_ERR_NOMEM;
            return;
        }
        simple_para(g, K_BODY, m);
        free(m);
    }
}

static void apply_overrides(gen *g)
{
    for (int i = 0; i < K_NKIND; i++)
        g->f[i] = base_fmt[i];
    for (size_t i = 0; i < N_(g->s->ovr); i++) {
        const ovr *o = &g->s->ovr[i];
        kfmt *k = &g->f[o->kind];
        switch (o->what) {
        case O_NONE: break;
        case O_FONT: k->ea = o->sval; break;
        case O_SIZE: k->sz = o->ival; break;
        case O_BOLD: k->bold = o->ival; break;
        case O_JC: k->jc = o->sval; break;
        case O_LINE: k->line = o->ival; break;
        }
    }
}

/* ---- the layouts of real drafts (issue 9) */

/* A run of raw text, not counted: tables of contents and outlines belong to no section. */
static void raw_run(gen *g, int kind, const char *m)
{
    run(g, kind, &RX_NONE, m, strlen(m));
}

static void fld(gen *g, int kind, const char *type)
{
    dw_puts(&g->doc, "<w:r>");
    rpr(g, kind, &RX_NONE, 0);
    dw_printf(&g->doc, "<w:fldChar w:fldCharType=\"%s\"/></w:r>", type);
}

static void instr(gen *g, int kind, const char *code)
{
    dw_puts(&g->doc, "<w:r>");
    rpr(g, kind, &RX_NONE, 0);
    dw_puts(&g->doc, "<w:instrText xml:space=\"preserve\">");
    dw_text(&g->doc, code, strlen(code));
    dw_puts(&g->doc, "</w:instrText></w:r>");
}

/* The table of contents Word makes (a TOC field whose entries hold PAGEREF fields, the
 * field's end in a paragraph of its own), the same in an SDT of the "Table of Contents"
 * gallery without the field, or typed by hand with dot leaders. No TOC styles: the
 * entries are direct-formatted like the body, so only the field, the SDT or the layout
 * can tell them. */
static void toc(gen *g)
{
    static const char *const entry[] = {"摘要", "一、企业概况", "二、管理方法（技术）的推进和应用情况",
                                        "三、管理方法（技术）的实施效果"};
    static const char *const page[] = {"1", "1", "2", "5"};
    unsigned f = g->s->flags;
    dw_xml *x = &g->doc;
    if (f & F_TOC_SDT)
        dw_puts(x, "<w:sdt><w:sdtPr><w:id w:val=\"-1\"/><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/>"
                   "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>");
    p_open(g, K_ABSHEAD, &PX_NONE, NULL);
    raw_run(g, K_ABSHEAD, (f & F_TOC_DOTTED) ? "目  录" : "目录");
    dw_puts(x, "</w:p>");
    for (int i = 0; i < 4; i++) {
        p_open(g, K_NOTE, &PX_NONE, NULL);
        if (i == 0 && (f & F_TOC_FIELD)) {
            fld(g, K_NOTE, "begin");
            instr(g, K_NOTE, " TOC \\o \"1-3\" \\h \\z \\u ");
            fld(g, K_NOTE, "separate");
        }
        raw_run(g, K_NOTE, entry[i]);
        if (f & F_TOC_DOTTED) {
            raw_run(g, K_NOTE, "……………………");
            raw_run(g, K_NOTE, page[i]);
        } else {
            dw_puts(x, "<w:r>");
            rpr(g, K_NOTE, &RX_NONE, 0);
            dw_puts(x, "<w:tab/></w:r>");
            if (f & F_TOC_FIELD) {
                char code[40];
                snprintf(code, sizeof code, " PAGEREF _Toc%d \\h ", 100 + i);
                fld(g, K_NOTE, "begin");
                instr(g, K_NOTE, code);
                fld(g, K_NOTE, "separate");
            }
            raw_run(g, K_NOTE, page[i]);
            if (f & F_TOC_FIELD)
                fld(g, K_NOTE, "end");
        }
        dw_puts(x, "</w:p>");
    }
    if (f & F_TOC_FIELD) {
        p_open(g, K_NOTE, &PX_NONE, NULL);
        fld(g, K_NOTE, "end");
        dw_puts(x, "</w:p>");
    }
    if (f & F_TOC_SDT)
        dw_puts(x, "</w:sdtContent></w:sdt>");
}

/* The title: one line, two lines (the company and its method, then the rest), or a line and its
 * ——subtitle in 楷体 四号 bold. All of it is the title's figure (print_expect). */
static void title_lines(gen *g)
{
    const char *t = g->s->title;
    size_t split = strlen(t);
    if (g->s->flags & F_TITLE_2LINES)
        split = strlen(TITLE_2LINES_FIRST);
    else if ((g->s->flags & F_SUBTITLE) && strstr(t, "——"))
        split = (size_t)(strstr(t, "——") - t);
    p_open(g, K_TITLE, &PX_NONE, NULL);
    run(g, K_TITLE, &RX_NONE, t, split);
    dw_puts(&g->doc, "</w:p>");
    if (split == strlen(t))
        return;
    rextra sub = RX_NONE;
    int kind = K_TITLE;
    if (g->s->flags & F_SUBTITLE) {
        sub.font = "楷体";
        kind = K_ABSHEAD; /* 四号-sized centred line: not the title's formatting */
    }
    p_open(g, kind, &PX_NONE, &sub);
    run(g, kind, &sub, t + split, strlen(t + split));
    dw_puts(&g->doc, "</w:p>");
}

static void cell_open(dw_xml *x, int w)
{
    dw_printf(x, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", w);
}

static void form_table_open(dw_xml *x, int cols, const int *w)
{
    dw_puts(x, "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>"
               "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
               "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
               "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
               "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
               "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
               "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
               "</w:tblBorders></w:tblPr><w:tblGrid>");
    for (int c = 0; c < cols; c++)
        dw_printf(x, "<w:gridCol w:w=\"%d\"/>", w[c]);
    dw_puts(x, "</w:tblGrid>");
}

/* The four sections side by side: headings in the first row, a line of text under each. */
static void form_across(gen *g)
{
    static const char *const head[] = {"摘要", "企业概况", "推进和应用情况", "实施效果"};
    static const char *const text[] = {"本文介绍了公司实施六西格玛设计的做法。", "公司成立于一九九八年。",
                                       "公司成立了推进领导小组。", "新产品一次设计成功率显著提高。"};
    static const int w[] = {2076, 2076, 2076, 2078};
    dw_xml *x = &g->doc;
    form_table_open(x, 4, w);
    for (int r = 0; r < 2; r++) {
        dw_puts(x, "<w:tr>");
        for (int c = 0; c < 4; c++) {
            cell_open(x, w[c]);
            for (int k = 0; k < (r ? 4 : 1); k++) { /* a few lines of text under each heading */
                p_open(g, r ? K_NOTE : K_HEAD, &PX_NONE, NULL);
                raw_run(g, r ? K_NOTE : K_HEAD, r ? text[c] : head[c]);
                dw_puts(x, "</w:p>");
            }
            dw_puts(x, "</w:tc>");
        }
        dw_puts(x, "</w:tr>");
    }
    dw_puts(x, "</w:tbl><w:p/>"); /* a paragraph follows a table */
}

#define DOC_OPEN                                                                                     \
    "<w:document xmlns:mc=\"" DW_NS_MC "\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "     \
    "xmlns:r=\"" DW_NS_R "\" xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:wp=\"" DW_NS_WP "\" "   \
    "xmlns:w10=\"urn:schemas-microsoft-com:office:word\" xmlns:w=\"" DW_NS_W "\" "                    \
    "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" xmlns:wps=\"" DW_NS_WPS "\" " \
    "xmlns:wp14=\"http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing\" "             \
    "mc:Ignorable=\"w14 wp14\"><w:body>"

/* Build word/document.xml (and footnote 1) into g; fills g->fig. */
static qb_status build_doc(const sample *s, gen *g)
{
    memset(g, 0, sizeof *g);
    g->s = s;
    g->docpr = 1;
    apply_overrides(g);
    dw_xml *x = &g->doc;
    dw_puts(x, DW_XML_DECL DOC_OPEN);

    /* title (its figure is the sample's title, print_expect), and a table of contents
     * before or after it */
    unsigned tocs = F_TOC_FIELD | F_TOC_SDT | F_TOC_DOTTED;
    g->cur = QB_SEC_TITLE;
    if ((s->flags & tocs) && (s->flags & F_TOC_FIRST))
        toc(g);
    title_lines(g);
    if ((s->flags & tocs) && !(s->flags & F_TOC_FIRST))
        toc(g);
    if (s->flags & F_FORM_ACROSS)
        form_across(g);

    /* a form: each heading in the first column, its section in the cell beside */
    static const int form_w[] = {1800, 6506};
    int form = (s->flags & F_FORM_TABLE) != 0;
    if (form) {
        form_table_open(x, 2, form_w);
        dw_puts(x, "<w:tr>");
        cell_open(x, form_w[0]);
    }

    /* 摘要 */
    g->cur = QB_SEC_ABSTRACT;
    const char *abs_head = (s->flags & F_HEAD_BRACKETS) ? "【摘要】" : (s->flags & F_HEAD_COLONS) ? "摘要`:`" : "摘要";
    if (s->target[QB_SEC_ABSTRACT] == ABSENT) {
        /* no abstract at all */
    } else if (!(s->flags & F_INLINE)) {
        pextra pe = PX_NONE;
        rextra re = RX_NONE;
        if (s->flags & (F_TOGGLE_OFF | F_TOGGLE_ON)) {
            pe.pstyle = ST_ABS_BOLD_P;
            re.rstyle = ST_ABS_BOLD_C;
            re.bold = (s->flags & F_TOGGLE_ON) ? 1 : 0;
        }
        p_open(g, K_ABSHEAD, &pe, &re);
        run(g, K_ABSHEAD, &re, abs_head, strlen(abs_head));
        dw_puts(x, "</w:p>");
    }
    if (form) {
        dw_puts(x, "</w:tc>");
        cell_open(x, form_w[1]);
    }
    if (s->target[QB_SEC_ABSTRACT] != ABSENT)
        section_body(g, QB_SEC_ABSTRACT);
    if (form)
        dw_puts(x, "</w:tc></w:tr>");

    static const char *const heads[] = {
        [QB_SEC_OVERVIEW] = "一、企业概况",
        [QB_SEC_PRACTICE] = "二、管理方法（技术）的推进和应用情况",
        [QB_SEC_RESULTS] = "三、管理方法（技术）的实施效果",
    };
    static const char *const heads_numbered[] = {
        [QB_SEC_OVERVIEW] = "企业概况",
        [QB_SEC_PRACTICE] = "管理方法（技术）的推进和应用情况",
        [QB_SEC_RESULTS] = "管理方法（技术）的实施效果",
    };
    static const char *const heads_variant[] = {
        [QB_SEC_OVERVIEW] = "企业概况", /* label 第一部分 from numbering.xml */
        [QB_SEC_PRACTICE] = "（二）主要做法",
        [QB_SEC_RESULTS] = "`3.` 取得成效",
    };
    static const char *const heads_brackets[] = {
        [QB_SEC_OVERVIEW] = "［企业概况］",
        [QB_SEC_PRACTICE] = "`[`管理方法（技术）的推进和应用情况`]`",
        [QB_SEC_RESULTS] = "管理方法（技术）的实施效果`:`",
    };
    static const char *const heads_colons[] = {
        [QB_SEC_OVERVIEW] = "一、企业概况：",
        [QB_SEC_PRACTICE] = "二、主要做法`:`",
        [QB_SEC_RESULTS] = "三、取得成效：",
    };
    for (int sec = QB_SEC_OVERVIEW; sec <= QB_SEC_RESULTS; sec++) {
        g->cur = sec;
        if (s->target[sec] == ABSENT)
            continue;
        if (form) {
            dw_puts(x, "<w:tr>");
            cell_open(x, form_w[0]);
        }
        if (s->flags & F_HEAD_BRACKETS)
            heading(g, K_HEAD, heads_brackets[sec], 0);
        else if (s->flags & F_HEAD_COLONS)
            heading(g, K_HEAD, heads_colons[sec], 0);
        else if (s->flags & F_INLINE)
            heading(g, K_HEAD, heads_variant[sec], sec == QB_SEC_OVERVIEW ? 1 : 0);
        else if (s->mode == M_STYLES)
            heading(g, K_HEAD, heads_numbered[sec], 0); /* numbered through the style */
        else
            heading(g, K_HEAD, heads[sec], 0);
        if (form) {
            dw_puts(x, "</w:tc>");
            cell_open(x, form_w[1]);
        }
        section_body(g, sec);
        if (form)
            dw_puts(x, "</w:tc></w:tr>");
    }
    if (form) /* a paragraph must follow a table before the section's end */
        dw_puts(x, "</w:tbl><w:p/>");
    sectpr(x, s->page, 0, s->page == PG_MID_LANDSCAPE);
    dw_puts(x, "</w:body></w:document>");

    if (g->st != QB_OK)
        return g->st;
    if (x->st != QB_OK || g->notes.st != QB_OK)
        return x->st != QB_OK ? x->st : g->notes.st;
    unsigned want = s->flags & (F_TEXTBOX_FN | F_TRACKED | F_STRAY | F_MATH_NOTES);
    if ((g->attached & want) != want) {
        fprintf(stderr, "mksample: %s: 附加内容未放入 / an extra was not placed\n", s->name);
        return QB_ERR_USAGE;
    }
    for (int sec = QB_SEC_ABSTRACT; sec < QB_NSEC; sec++) {
        long want_words = section_target(g, sec);
        if (g->fig[sec].words != want_words) {
            fprintf(stderr, "mksample: %s: %s 构造为 %ld 字，应为 %ld / built %ld, meant %ld\n", s->name,
                    qb_sec_key((qb_secid)sec), g->fig[sec].words, want_words, g->fig[sec].words, want_words);
            return QB_ERR_USAGE;
        }
    }
    return QB_OK;
}

static void gen_free(gen *g)
{
    dw_xml_free(&g->doc);
    dw_xml_free(&g->notes);
}

/* ================================================================ other parts */

static void styles_xml(const gen *g, dw_xml *x)
{
    fmt_mode m = g->s->mode;
    kfmt nf = normal_fmt(m);
    dw_puts(x, DW_XML_DECL "<w:styles xmlns:w=\"" DW_NS_W "\"><w:docDefaults><w:rPrDefault><w:rPr>");
    if (m == M_DEFAULTS) {
        rfonts_explicit(x, "宋体", 0);
        dw_puts(x, "<w:kern w:val=\"2\"/>");
        sz(x, 24);
    } else {
        dw_puts(x, "<w:rFonts w:asciiTheme=\"minorHAnsi\" w:eastAsiaTheme=\"minorEastAsia\" "
                   "w:hAnsiTheme=\"minorHAnsi\" w:cstheme=\"minorBidi\"/><w:kern w:val=\"2\"/>");
        if (m == M_THEME || m == M_THEME_SCRIPT)
            sz(x, 24);
        else
            dw_puts(x, "<w:sz w:val=\"21\"/><w:szCs w:val=\"22\"/>");
    }
    dw_puts(x, "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault>");
    if (m == M_DEFAULTS) {
        dw_puts(x, "<w:pPr>");
        spacing_ind(x, &g->f[K_BODY], 1);
        dw_printf(x, "<w:jc w:val=\"%s\"/></w:pPr>", g->f[K_BODY].jc);
    }
    dw_puts(x, "</w:pPrDefault></w:docDefaults>");
    dw_puts(x, "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/><w:qFormat/>");
    if (m != M_DEFAULTS)
        dw_puts(x, "<w:pPr><w:widowControl w:val=\"0\"/><w:jc w:val=\"both\"/></w:pPr>");
    dw_puts(x, "</w:style>"
               "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"a0\"><w:name w:val=\"Default Paragraph Font\"/>"
               "<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"
               "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"a1\"><w:name w:val=\"Normal Table\"/>"
               "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
               "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
               "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
               "<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"a2\"><w:name w:val=\"No List\"/>"
               "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>");
    if (m != M_DIRECT) {
        for (int k = 0; k < K_NKIND; k++) {
            if (!styled(g, k))
                continue;
            int par = m == M_DEFAULTS ? -1 : kind_parent[k];
            const kfmt *f = &g->f[k];
            const kfmt *pf = par >= 0 ? &g->f[par] : &nf;
            int is_table = k == K_CELL;
            dw_printf(x, "<w:style w:type=\"%s\" w:customStyle=\"1\" w:styleId=\"%s\"><w:name w:val=\"%s\"/>",
                      is_table ? "table" : "paragraph", kind_style_id[k], kind_style_name[k]);
            dw_printf(x, "<w:basedOn w:val=\"%s\"/>",
                      is_table ? "a1" : par >= 0 ? kind_style_id[par] : "a");
            dw_puts(x, "<w:qFormat/><w:pPr>");
            if (k == K_HEAD || k == K_TITLE || k == K_ABSHEAD)
                dw_puts(x, "<w:keepNext/>");
            if (m == M_STYLES && k == K_HEAD)
                dw_puts(x, "<w:numPr><w:numId w:val=\"1\"/></w:numPr>");
            if (m == M_STYLES && k == K_SUBHEAD) /* basedOn the numbered heading: switch it off */
                dw_puts(x, "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"0\"/></w:numPr>");
            if (is_table || f->line != pf->line || f->indent != pf->indent) {
                dw_printf(x, "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"%d\" w:lineRule=\"auto\"/>", f->line);
                if (f->indent != pf->indent || is_table)
                    dw_printf(x, "<w:ind w:firstLineChars=\"%d\" w:firstLine=\"%d\"/>", f->indent,
                              f->indent * f->sz / 10);
            }
            if (is_table || strcmp(f->jc, pf->jc) != 0)
                dw_printf(x, "<w:jc w:val=\"%s\"/>", f->jc);
            dw_puts(x, "</w:pPr><w:rPr>");
            if (is_table || strcmp(f->ea, pf->ea) != 0)
                rfonts_for(g, x, f->ea);
            if (f->bold != pf->bold)
                dw_puts(x, f->bold ? "<w:b/><w:bCs/>" : "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>");
            if (is_table || f->sz != pf->sz)
                sz(x, f->sz);
            dw_puts(x, "</w:rPr>");
            if (is_table)
                dw_puts(x, "<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
                           "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
                           "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
                           "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
                           "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
                           "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders></w:tblPr>");
            dw_puts(x, "</w:style>");
        }
    }
    if (g->s->flags & (F_TOGGLE_OFF | F_TOGGLE_ON)) {
        dw_puts(x, "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"" ST_ABS_BOLD_P "\">"
                   "<w:name w:val=\"摘要加粗\"/><w:basedOn w:val=\"a\"/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>"
                   "<w:style w:type=\"character\" w:customStyle=\"1\" w:styleId=\"" ST_ABS_BOLD_C "\">"
                   "<w:name w:val=\"强调加粗\"/><w:basedOn w:val=\"a0\"/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>");
    }
    if (g->s->flags & F_TOGGLE_ON) {
        dw_puts(x, "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"" ST_CAP_BOLD_P "\">"
                   "<w:name w:val=\"题注加粗\"/><w:basedOn w:val=\"a\"/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>"
                   "<w:style w:type=\"character\" w:customStyle=\"1\" w:styleId=\"" ST_CAP_TEXT_C "\">"
                   "<w:name w:val=\"题注文字\"/><w:basedOn w:val=\"a0\"/><w:qFormat/><w:rPr>");
        rfonts_explicit(x, "宋体", 0);
        sz(x, 21);
        dw_puts(x, "</w:rPr></w:style>");
    }
    dw_puts(x, "</w:styles>");
}

/* A complete Office theme (Word refuses a theme without all three schemes). */
static void theme_xml(fmt_mode m, dw_xml *x)
{
    const char *maj_latin = "等线 Light", *maj_ea = "", *maj_hans = "等线 Light";
    const char *min_latin = "等线", *min_ea = "", *min_hans = "等线";
    if (m == M_THEME) {
        /* explicit <a:ea> wins; the Hans entries say 等线 so that a reader using them is caught */
        maj_latin = min_latin = LATIN_FONT;
        maj_ea = "黑体";
        min_ea = "宋体";
    } else if (m == M_THEME_SCRIPT) {
        maj_latin = min_latin = LATIN_FONT;
        maj_hans = "黑体";
        min_hans = "宋体";
    }
    dw_puts(x, DW_XML_DECL "<a:theme xmlns:a=\"" DW_NS_A "\" name=\"Office 主题\"><a:themeElements>"
               "<a:clrScheme name=\"Office\"><a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1>"
               "<a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1><a:dk2><a:srgbClr val=\"44546A\"/></a:dk2>"
               "<a:lt2><a:srgbClr val=\"E7E6E6\"/></a:lt2><a:accent1><a:srgbClr val=\"4472C4\"/></a:accent1>"
               "<a:accent2><a:srgbClr val=\"ED7D31\"/></a:accent2><a:accent3><a:srgbClr val=\"A5A5A5\"/></a:accent3>"
               "<a:accent4><a:srgbClr val=\"FFC000\"/></a:accent4><a:accent5><a:srgbClr val=\"5B9BD5\"/></a:accent5>"
               "<a:accent6><a:srgbClr val=\"70AD47\"/></a:accent6><a:hlink><a:srgbClr val=\"0563C1\"/></a:hlink>"
               "<a:folHlink><a:srgbClr val=\"954F72\"/></a:folHlink></a:clrScheme><a:fontScheme name=\"Office\">");
    dw_printf(x, "<a:majorFont><a:latin typeface=\"%s\"/><a:ea typeface=\"%s\"/><a:cs typeface=\"\"/>"
                 "<a:font script=\"Jpan\" typeface=\"游ゴシック Light\"/><a:font script=\"Hang\" typeface=\"맑은 고딕\"/>"
                 "<a:font script=\"Hans\" typeface=\"%s\"/><a:font script=\"Hant\" typeface=\"新細明體\"/></a:majorFont>",
              maj_latin, maj_ea, maj_hans);
    dw_printf(x, "<a:minorFont><a:latin typeface=\"%s\"/><a:ea typeface=\"%s\"/><a:cs typeface=\"\"/>"
                 "<a:font script=\"Jpan\" typeface=\"游明朝\"/><a:font script=\"Hang\" typeface=\"맑은 고딕\"/>"
                 "<a:font script=\"Hans\" typeface=\"%s\"/><a:font script=\"Hant\" typeface=\"新細明體\"/></a:minorFont>",
              min_latin, min_ea, min_hans);
    dw_puts(x, "</a:fontScheme><a:fmtScheme name=\"Office\"><a:fillStyleLst>"
               "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
               "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:fillStyleLst><a:lnStyleLst>"
               "<a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>"
               "<a:ln w=\"12700\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>"
               "<a:ln w=\"19050\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln></a:lnStyleLst>"
               "<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>"
               "<a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>"
               "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
               "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements>"
               "<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>");
}

/* The sample has a footnotes part. */
static int has_notes(const sample *s)
{
    return (s->flags & (F_TEXTBOX_FN | F_MATH_NOTES)) != 0;
}

static int has_numbering(const sample *s)
{
    return s->mode == M_STYLES || (s->flags & F_INLINE);
}

static void numbering_xml(const sample *s, dw_xml *x)
{
    dw_puts(x, DW_XML_DECL "<w:numbering xmlns:w=\"" DW_NS_W "\"><w:abstractNum w:abstractNumId=\"0\">"
               "<w:nsid w:val=\"1A2B3C4D\"/><w:multiLevelType w:val=\"singleLevel\"/>"
               "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>");
    if (s->mode == M_STYLES)
        dw_printf(x, "<w:pStyle w:val=\"%s\"/><w:suff w:val=\"nothing\"/><w:lvlText w:val=\"%%1、\"/>",
                  kind_style_id[K_HEAD]);
    else
        dw_puts(x, "<w:suff w:val=\"space\"/><w:lvlText w:val=\"第%1部分\"/>");
    dw_puts(x, "<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"0\" w:firstLine=\"0\"/></w:pPr></w:lvl>"
               "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>");
}

static void settings_xml(const sample *s, dw_xml *x)
{
    dw_puts(x, DW_XML_DECL "<w:settings xmlns:w=\"" DW_NS_W "\"><w:zoom w:percent=\"100\"/>");
    if (s->flags & F_TRACKED)
        dw_puts(x, "<w:trackRevisions/>");
    dw_puts(x, "<w:defaultTabStop w:val=\"420\"/><w:drawingGridVerticalSpacing w:val=\"156\"/>"
               "<w:displayHorizontalDrawingGridEvery w:val=\"0\"/><w:displayVerticalDrawingGridEvery w:val=\"2\"/>"
               "<w:characterSpacingControl w:val=\"compressPunctuation\"/>");
    if (has_notes(s))
        dw_puts(x, "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>");
    dw_puts(x, "<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/>"
               "<w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>"
               "<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
               "</w:compat><w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/><w:decimalSymbol w:val=\".\"/>"
               "<w:listSeparator w:val=\",\"/></w:settings>");
}

static void footnotes_xml(const gen *g, dw_xml *x)
{
    dw_puts(x, DW_XML_DECL "<w:footnotes xmlns:w=\"" DW_NS_W "\">"
               "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
               "w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
               "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" "
               "w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>");
    dw_puts(x, g->notes.b.s ? g->notes.b.s : "");
    dw_puts(x, "</w:footnotes>");
}

/* dossier-math-notes: endnote 1 (the dossier sets it at the end, numbered i). */
static void endnotes_xml(dw_xml *x)
{
    dw_puts(x, DW_XML_DECL "<w:endnotes xmlns:w=\"" DW_NS_W "\">"
               "<w:endnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>"
               "<w:endnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r>"
               "</w:p></w:endnote><w:endnote w:id=\"1\"><w:p><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr>"
               "<w:endnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r><w:r>");
    text_el(x, ENDNOTE_TEXT, strlen(ENDNOTE_TEXT), "t");
    dw_puts(x, "</w:r></w:p></w:endnote></w:endnotes>");
}

static void content_types_xml(const sample *s, dw_xml *x)
{
    dw_puts(x, DW_XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
               "<Default Extension=\"png\" ContentType=\"image/png\"/>"
               "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
               "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
               "<Override PartName=\"/word/document.xml\" ContentType=\"" DW_CT "wordprocessingml.document.main+xml\"/>"
               "<Override PartName=\"/word/styles.xml\" ContentType=\"" DW_CT "wordprocessingml.styles+xml\"/>"
               "<Override PartName=\"/word/settings.xml\" ContentType=\"" DW_CT "wordprocessingml.settings+xml\"/>"
               "<Override PartName=\"/word/theme/theme1.xml\" ContentType=\"" DW_CT "theme+xml\"/>");
    if (has_numbering(s))
        dw_puts(x, "<Override PartName=\"/word/numbering.xml\" ContentType=\"" DW_CT "wordprocessingml.numbering+xml\"/>");
    if (s->flags & F_MATH_NOTES)
        dw_puts(x, "<Override PartName=\"/word/endnotes.xml\" ContentType=\"" DW_CT "wordprocessingml.endnotes+xml\"/>");
    if (has_notes(s))
        dw_puts(x, "<Override PartName=\"/word/footnotes.xml\" ContentType=\"" DW_CT "wordprocessingml.footnotes+xml\"/>");
    size_t ncharts;
    const char *const *caps;
    sample_charts(s, &ncharts, &caps);
    for (size_t k = 0; k < ncharts; k++)
        if (!((s->flags & F_CHARTS_HOSTILE) && k == CHART_MISSING_PART))
            dw_printf(x, "<Override PartName=\"/word/charts/chart%zu.xml\" ContentType=\"" DW_CT_CHART "\"/>", k + 1);
    dw_puts(x, "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
               "<Override PartName=\"/docProps/app.xml\" ContentType=\"" DW_CT "extended-properties+xml\"/></Types>");
}

static void package_rels_xml(dw_xml *x)
{
    dw_puts(x, DW_XML_DECL "<Relationships xmlns=\"" DW_NS_PKGREL "\">"
               "<Relationship Id=\"rId1\" Type=\"" DW_REL "officeDocument\" Target=\"word/document.xml\"/>"
               "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
               "Target=\"docProps/core.xml\"/>"
               "<Relationship Id=\"rId3\" Type=\"" DW_REL "extended-properties\" Target=\"docProps/app.xml\"/>"
               "</Relationships>");
}

static void document_rels_xml(const sample *s, dw_xml *x)
{
    dw_puts(x, DW_XML_DECL "<Relationships xmlns=\"" DW_NS_PKGREL "\">"
               "<Relationship Id=\"rId1\" Type=\"" DW_REL "styles\" Target=\"styles.xml\"/>"
               "<Relationship Id=\"rId2\" Type=\"" DW_REL "settings\" Target=\"settings.xml\"/>"
               "<Relationship Id=\"rId3\" Type=\"" DW_REL "theme\" Target=\"theme/theme1.xml\"/>");
    if (has_numbering(s))
        dw_puts(x, "<Relationship Id=\"rId4\" Type=\"" DW_REL "numbering\" Target=\"numbering.xml\"/>");
    if (s->flags & F_MATH_NOTES)
        dw_puts(x, "<Relationship Id=\"rId8\" Type=\"" DW_REL "endnotes\" Target=\"endnotes.xml\"/>");
    if (has_notes(s))
        dw_puts(x, "<Relationship Id=\"rId5\" Type=\"" DW_REL "footnotes\" Target=\"footnotes.xml\"/>");
    size_t ncharts;
    const char *const *caps;
    sample_charts(s, &ncharts, &caps);
    for (size_t k = 0; k < ncharts; k++)
        if (!((s->flags & F_CHARTS_HOSTILE) && k == CHART_MISSING_PART))
            dw_printf(x, "<Relationship Id=\"rId%zu\" Type=\"" DW_REL "chart\" Target=\"charts/chart%zu.xml\"/>",
                      CHART_RID + k, k + 1);
    dw_puts(x, "<Relationship Id=\"rId6\" Type=\"" DW_REL "image\" Target=\"media/image1.png\"/>"
               "<Relationship Id=\"rId7\" Type=\"" DW_REL "image\" Target=\"media/image2.png\"/></Relationships>");
}

static void core_xml(const sample *s, dw_xml *x)
{
    dw_puts(x, DW_XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
               "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
               "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
    for (const char *p = s->title; *p; p++)
        if (*p != '`')
            dw_text(x, p, 1);
    dw_puts(x, "</dc:title><dc:creator>qbintake mksample</dc:creator>"
               "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-01-01T00:00:00Z</dcterms:created>"
               "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2024-01-01T00:00:00Z</dcterms:modified>"
               "</cp:coreProperties>");
}

static void app_xml(dw_xml *x)
{
    dw_puts(x, DW_XML_DECL "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
               "<Application>qbintake mksample</Application></Properties>");
}

/* ---- the two pictures: a five-step flow (DMADV) and a rising bar chart */

enum { C_WHITE, C_BLACK, C_BLUE, C_PALE, C_GREY };
static const unsigned char palette[] = {255, 255, 255, 0, 0, 0, 68, 114, 196, 207, 221, 242, 160, 160, 160};
#define IMG_W 480u
#define IMG_H 240u

static void fill(unsigned char *pix, unsigned x0, unsigned y0, unsigned x1, unsigned y1, unsigned char c)
{
    for (unsigned y = y0; y < y1 && y < IMG_H; y++)
        for (unsigned x = x0; x < x1 && x < IMG_W; x++)
            pix[y * IMG_W + x] = c;
}

static void frame(unsigned char *pix, unsigned x0, unsigned y0, unsigned x1, unsigned y1, unsigned char c)
{
    fill(pix, x0, y0, x1, y0 + 2, c);
    fill(pix, x0, y1 - 2, x1, y1, c);
    fill(pix, x0, y0, x0 + 2, y1, c);
    fill(pix, x1 - 2, y0, x1, y1, c);
}

static qb_status picture(int which, char **out, size_t *len)
{
    unsigned char *pix = malloc((size_t)IMG_W * IMG_H);
    if (!pix)
        return QB_ERR_NOMEM;
    memset(pix, C_WHITE, (size_t)IMG_W * IMG_H);
    if (which == 0) {
        for (unsigned i = 0; i < 5; i++) {
            unsigned x0 = 12 + i * 94;
            fill(pix, x0, 80, x0 + 70, 160, C_PALE);
            frame(pix, x0, 80, x0 + 70, 160, C_BLUE);
            if (i < 4) {
                fill(pix, x0 + 70, 118, x0 + 94, 122, C_BLACK);
                for (unsigned d = 0; d < 8; d++) /* arrow head */
                    fill(pix, x0 + 86 + d, 112 + d, x0 + 87 + d, 128 - d, C_BLACK);
            }
        }
    } else {
        static const unsigned heights[5] = {120, 138, 156, 172, 190};
        fill(pix, 40, 20, 43, 220, C_BLACK);
        fill(pix, 40, 217, 460, 220, C_BLACK);
        for (unsigned y = 40; y < 217; y += 40)
            fill(pix, 43, y, 460, y + 1, C_GREY);
        for (unsigned i = 0; i < 5; i++)
            fill(pix, 70 + i * 78, 217 - heights[i], 70 + i * 78 + 44, 217, C_BLUE);
    }
    qb_buf b = {0};
    qb_status st = dw_png(pix, IMG_W, IMG_H, palette, sizeof palette / 3, &b);
    free(pix);
    if (st != QB_OK) {
        qb_buf_free(&b);
        return st;
    }
    *len = b.len;
    *out = qb_buf_take(&b);
    return *out ? QB_OK : QB_ERR_NOMEM;
}

/* ================================================================ writing */

static qb_status write_sample(const sample *s, const char *dir)
{
    gen g;
    qb_status st = build_doc(s, &g);
    if (st != QB_OK) {
        gen_free(&g);
        return st;
    }
    char *path = qb_asprintf("%s/%s.docx", dir, s->name);
    if (!path) {
        gen_free(&g);
        return QB_ERR_NOMEM;
    }
    dw_pkg p;
    st = dw_pkg_open(&p, path);
    if (st != QB_OK) {
        fprintf(stderr, "mksample: 无法创建 / cannot create %s: %s\n", path, p.why);
        free(path);
        gen_free(&g);
        return st;
    }
    dw_xml x = {0};
    content_types_xml(s, &x);
    st = dw_pkg_add_xml(&p, "[Content_Types].xml", &x);
    if (st == QB_OK) {
        package_rels_xml(&x);
        st = dw_pkg_add_xml(&p, "_rels/.rels", &x);
    }
    if (st == QB_OK) {
        core_xml(s, &x);
        st = dw_pkg_add_xml(&p, "docProps/core.xml", &x);
    }
    if (st == QB_OK) {
        app_xml(&x);
        st = dw_pkg_add_xml(&p, "docProps/app.xml", &x);
    }
    if (st == QB_OK)
        st = dw_pkg_add_xml(&p, "word/document.xml", &g.doc);
    if (st == QB_OK) {
        document_rels_xml(s, &x);
        st = dw_pkg_add_xml(&p, "word/_rels/document.xml.rels", &x);
    }
    if (st == QB_OK) {
        styles_xml(&g, &x);
        st = dw_pkg_add_xml(&p, "word/styles.xml", &x);
    }
    if (st == QB_OK) {
        settings_xml(s, &x);
        st = dw_pkg_add_xml(&p, "word/settings.xml", &x);
    }
    if (st == QB_OK) {
        theme_xml(s->mode, &x);
        st = dw_pkg_add_xml(&p, "word/theme/theme1.xml", &x);
    }
    if (st == QB_OK && has_numbering(s)) {
        numbering_xml(s, &x);
        st = dw_pkg_add_xml(&p, "word/numbering.xml", &x);
    }
    if (st == QB_OK && (s->flags & F_MATH_NOTES)) {
        endnotes_xml(&x);
        st = dw_pkg_add_xml(&p, "word/endnotes.xml", &x);
    }
    if (st == QB_OK && has_notes(s)) {
        footnotes_xml(&g, &x);
        st = dw_pkg_add_xml(&p, "word/footnotes.xml", &x);
    }
    size_t ncharts;
    const char *const *caps;
    const dw_chart *ch = sample_charts(s, &ncharts, &caps);
    for (size_t k = 0; k < ncharts && st == QB_OK; k++) {
        if ((s->flags & F_CHARTS_HOSTILE) && k == CHART_MISSING_PART)
            continue; /* nothing names it */
        char part[64];
        snprintf(part, sizeof part, "word/charts/chart%zu.xml", k + 1);
        dw_chart_xml(&x, &ch[k]);
        st = dw_pkg_add_xml(&p, part, &x);
    }
    for (int i = 0; i < 2 && st == QB_OK; i++) {
        char *png = NULL;
        size_t len = 0;
        st = picture(i, &png, &len);
        if (st == QB_OK)
            st = dw_pkg_add(&p, i == 0 ? "word/media/image1.png" : "word/media/image2.png", png, len);
    }
    if (st == QB_OK)
        st = dw_pkg_close(&p);
    if (st != QB_OK) {
        fprintf(stderr, "mksample: 写入失败 / cannot write %s: %s\n", path, p.why[0] ? p.why : qb_status_str(st));
        dw_pkg_discard(&p);
        remove(path);
    }
    dw_xml_free(&x);
    gen_free(&g);
    free(path);
    return st;
}

static const sample *find_sample(const char *name)
{
    for (size_t i = 0; i < NSAMPLES; i++)
        if (strcmp(samples[i].name, name) == 0)
            return &samples[i];
    fprintf(stderr, "mksample: 没有名为“%s”的样例（见 mksample --list）/ no sample named \"%s\"\n", name, name);
    return NULL;
}

static int print_expect(const sample *s)
{
    gen g;
    qb_status st = build_doc(s, &g);
    figs title = {0, 0};
    if (st == QB_OK)
        st = mk_figs(s->title, &title);
    if (st == QB_OK) {
        g.fig[QB_SEC_TITLE] = title;
        for (int sec = 0; sec < QB_NSEC; sec++)
            printf("%s %ld %ld\n", qb_sec_key((qb_secid)sec), g.fig[sec].words, g.fig[sec].chars);
    }
    gen_free(&g);
    return st == QB_OK ? 0 : 1;
}

static void print_findings(const sample *s)
{
    const char *p = s->findings;
    while (*p) {
        const char *e = strchr(p, ';');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        printf("%.*s\n", (int)n, p);
        p += n + (e ? 1 : 0);
    }
}

static void usage(FILE *out)
{
    fputs("用法 / usage: mksample OUTDIR [NAME…] | --list | --expect NAME | --findings NAME\n"
          "  OUTDIR [NAME…]   把样例写成 OUTDIR/NAME.docx（不给 NAME 则写全部）\n"
          "                   write the samples (all of them without NAME) as OUTDIR/NAME.docx\n"
          "  -l, --list       列出样例及说明 list the samples with their descriptions\n"
          "  --expect NAME    样例各部分的字数与字符数 the section counts the sample was built with\n"
          "  --findings NAME  样例应有的检查结果 the findings the sample was built to have\n"
          "  -h, --help       显示本说明 show this help\n",
          out);
}

static const char *prog = "mksample";

static int bad_usage(const char *msg, const char *arg)
{
    return qb_cli_bad_usage(prog, usage, msg, arg);
}

int main(int argc, char **argv)
{
    /* libzip stores DOS times in local time: fix the zone so the bytes never vary. */
    setenv("TZ", "UTC", 1);
    tzset();
    static const struct option longopts[] = {{"list", no_argument, NULL, 'l'},
                                             {"expect", required_argument, NULL, 'e'},
                                             {"findings", required_argument, NULL, 'f'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c, mode = 0; /* 0 write, else the option's letter */
    const char *name = NULL;
    opterr = 0; /* our own message, in both languages */
    while ((c = getopt_long(argc, argv, ":hl", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return 0;
        case 'l':
        case 'e':
        case 'f':
            if (mode)
                return bad_usage("只能选一项 only one of --list, --expect, --findings", NULL);
            mode = c;
            name = optarg;
            break;
        default: return qb_cli_bad_option(prog, usage, argv, c);
        }
    }
    if (mode && optind != argc)
        return bad_usage("参数过多 too many arguments:", argv[optind]);
    if (mode == 'l') {
        for (size_t i = 0; i < NSAMPLES; i++)
            printf("%s\t%s\n", samples[i].name, samples[i].desc);
        return 0;
    }
    if (mode) {
        const sample *s = find_sample(name);
        if (!s)
            return 2;
        if (mode == 'e')
            return print_expect(s);
        print_findings(s);
        return 0;
    }
    if (optind == argc)
        return bad_usage("需要输出目录 OUTDIR is required", NULL);
    const char *dir = argv[optind];
    for (int i = optind + 1; i < argc; i++)
        if (!find_sample(argv[i]))
            return 2;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "mksample: 无法创建目录 / cannot create %s: %s\n", dir, strerror(errno));
        return 1;
    }
    int rc = 0;
    if (optind + 1 == argc) {
        for (size_t i = 0; i < NSAMPLES; i++)
            if (write_sample(&samples[i], dir) != QB_OK)
                rc = 1;
    } else {
        for (int i = optind + 1; i < argc; i++)
            if (write_sample(find_sample(argv[i]), dir) != QB_OK)
                rc = 1;
    }
    return rc;
}
