/* Unit tests of the 字数 counter against Word's published figures (DESIGN §4). */
#include "count.h"
#include "tap.h"

static long words(const char *s)
{
    qb_count c = {0, 0};
    qb_count_text(&c, s, strlen(s));
    return c.words;
}

static long chars(const char *s)
{
    qb_count c = {0, 0};
    qb_count_text(&c, s, strlen(s));
    return c.chars;
}

int main(void)
{
    /* Word's own figures, as given in the foundation issue */
    is_int(words("中文测试"), 4, "中文测试 counts 4 like Word");
    is_int(words("Hello 世界"), 3, "Hello 世界 counts 3 (a Latin word counts once)");
    is_int(words("東京2024オリンピック"), 9, "東京2024オリンピック counts 9 (a digit run counts once)");
    is_int(words("Hello、World。"), 4, "Hello、World。 counts 4 (each CJK punctuation mark counts)");
    is_int(words("ＡＢＣＤＥ"), 5, "full-width letters each count");
    is_int(words("①②③④⑤"), 1, "circled numbers form one run");
    /* our documented decisions for Chinese typographic marks */
    is_int(words("“质量”"), 4, "curly quotes count 1 each");
    is_int(words("标杆——经验"), 6, "an em-dash pair —— counts 2");
    is_int(words("等等……"), 4, "an ellipsis pair …… counts 2");
    is_int(words("ISO 9001认证"), 4, "ISO, 9001 and two hanzi");
    is_int(words("2023年"), 2, "a number then a hanzi");
    is_int(words("abc,def"), 1, "ASCII punctuation joins a Latin run");
    is_int(words("（一）企业概况"), 7, "full-width brackets count 1 each");
    is_int(words("　　首行缩进"), 4, "ideographic spaces are white space");
    is_int(words(""), 0, "empty text counts 0");
    is_int(words("𠀀𠀁"), 2, "supplementary-plane ideographs count 1 each");
    is_int(words("한국어 テスト"), 6, "hangul and katakana count one by one");
    /* characters without spaces */
    is_int(chars("Hello 世界"), 7, "chars counts every non-space character");
    is_int(chars("　中 文\t"), 2, "U+3000, space and tab are not characters");
    is_int(chars("①②③④⑤"), 5, "chars counts each circled number");
    /* a bad byte counts as one character, and never crashes */
    is_int(chars("a\xff" "b"), 3, "an invalid byte counts as one character");
    /* counts add up across calls, and a call boundary ends a Latin run */
    qb_count c = {0, 0};
    qb_count_text(&c, "abc", 3);
    qb_count_text(&c, "def", 3);
    is_int(c.words, 2, "two texts are two runs, as two paragraphs are in Word");
    ok(qb_cp_is_han(0x4E2D) && !qb_cp_is_han(0x3042), "中 is han, あ is not");
    return tap_done();
}
