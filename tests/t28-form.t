#!/bin/sh
# t28-form — the application form (issue 10): qb-check on a package reports each form and
# eligibility finding whatever the form's layout, and none on a correct form in any
# layout. The forms are samples/mkform.c's: five layouts (next cell, merged cells, cell
# below, "标签：值" paragraphs, spaced/noted/繁体/full-width labels) × every defect, each
# with the findings it was built to give (mkform --findings). Then each edition's
# eligibility rules, the deadline, the outputs (JSON application object, text, HTML,
# record, dossier) and forms that cannot be read.
. "$(dirname "$0")/lib/tap.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
P=某某精工机械制造有限公司
"$QB_BIN/mkform" forms || { echo "1..0 # SKIP no mkform"; exit 0; }
"$QB_BIN/mksample" . compliant-direct >/dev/null
"$QB_BIN/mkzip" --docx proof.docx "证明材料目录" "一、营业执照"
mkdir pk
pack() { # FORM.docx [zip|rar] → pk/$P.zip|rar
  rm -f "pk/$P.zip" "pk/$P.rar"
  "$QB_BIN/mk${2:-zip}" "pk/$P.${2:-zip}" "申报书.docx=@$1" "典型经验材料.docx=@compliant-direct.docx" \
    "证明材料/目录.docx=@proof.docx"
}
rules() { # EDITION → the sorted "rule severity" lines of the package (info left out)
  "$QB_BIN/qb-check" --edition "$1" --json "pk/$P.${2:-zip}" |
    jq -r '.findings[] | select(.severity != "info") | .rule + " " + .severity' | sort
}

# Every layout with every defect: exactly the findings it was built to give (caq-2023).
# The RAR packages hold the same forms: the format of the package does not matter.
i=0
for f in forms/*.docx; do
  n=$(basename "$f" .docx)
  i=$((i + 1))
  fmt=zip; [ $((i % 4)) -eq 0 ] && fmt=rar
  pack "$f" $fmt
  is "$(rules caq-2023 $fmt)" "$("$QB_BIN/mkform" --findings "$n" | sort)" "$n ($fmt): $("$QB_BIN/mkform" --list | awk -F'\t' -v n="$n" '$1==n{print $2}')"
done

# Messages name the field, what the form says and what is required.
msg() { # FORM RULE → the Chinese messages of that rule
  pack "forms/$1.docx"
  "$QB_BIN/qb-check" --json "pk/$P.zip" | jq -r --arg r "$2" '.findings[] | select(.rule == $r) | .message'
}
is "$(msg cells-code-digit form.field)" \
   "申报书中的统一社会信用代码“91350100M000100Y44”校验码不正确，应为符合 GB 32100-2015 的 18 位代码" \
   "a wrong check digit: the code quoted and the standard named"
is "$(msg labels-loss-minus eligibility.profit)" \
   "申报书中 2021 年的利润总额为“-356.2”（亏损），申报条件要求近 3 年（2020—2022 年）连续盈利" \
   "a loss: the year, the figure and the years required"
is "$(msg below-no-profit eligibility.profit)" \
   "申报书中没有 2020 年的利润总额，申报条件要求近 3 年（2020—2022 年）连续盈利" "a missing figure: the year"
is "$(msg merged-iso-expires eligibility.iso9001)" \
   "申报书中的 ISO 9001 认证证书有效期至 2023年10月31日，早于本次征集年度的年底（2023年12月31日），申报条件要求证书届时仍在有效期内" \
   "an expiring certificate: its date and the end of the edition's year (caq-2023 names no deadline)"
is "$(msg paragraphs-no-contact form.field)" "申报书中没有“联系人”一栏，应填写联系人" "a missing field is named"
is "$(msg cells-empty-phone form.field)" "申报书中“联系电话”未填写，应填写联系电话" "a blank field is named"
is "$(msg labels-bad-scope form.field)" \
   "申报书中的遴选范围“（七）”不是本次征集的遴选范围之一，应从通知所列的遴选范围中选择一项" "a scope not among the edition's"
is "$(msg cells-declared-record eligibility.record)" \
   "申报书中声明有不良记录（“☑是 □否”），申报条件要求近三年在诚信、质量、安全、环保等方面无不良记录" "a declared bad record"
is "$(msg cells-other-name package.name)" "压缩包名称“$P”与申报书中的单位名称“某某机械有限公司”不一致" \
   "the form's 申报单位名称 against the package name"
is "$(msg below-other-title form.field)" \
   "申报书中的质量标杆名称“某某精工机械制造有限公司质量管理经验”与典型经验材料的标题“${P}实施六西格玛设计的经验”不一致，两者应相同" \
   "the form's 质量标杆名称 against the write-up's title"

# Each edition's eligibility rules.
pack forms/cells-ok.docx
is "$(rules heilongjiang-2022)" "" "heilongjiang-2022: a correct form passes"
is "$(rules national-2022)" "" "national-2022 (2019–2021 profitable, no ISO 9001): a correct form passes"
is "$(rules shandong-2022)" "" "shandong-2022: a correct form passes"
"$QB_BIN/qb-check" --edition national-2020 --json "pk/$P.zip" >o.json
is "$(jq -r '[.findings[] | select(.rule == "eligibility.profit") | .message] | join("|")' o.json)" \
   "申报书中没有 2017 年的利润总额，申报条件要求近 3 年（2017—2019 年）连续盈利|申报书中没有 2018 年的利润总额，申报条件要求近 3 年（2017—2019 年）连续盈利" \
   "national-2020: the three years before 2020 (the form gives 2019–2022)"
pack forms/cells-loss-fu.docx     # a 2022 loss
is "$(rules heilongjiang-2022)" "" "heilongjiang-2022: two years (2020, 2021) — a 2022 loss does not count"
is "$(rules caq-2023)" "eligibility.profit error" "caq-2023: three years (2020–2022) — the 2022 loss counts"
pack forms/cells-loss-brackets.docx   # a 2020 loss
is "$(rules heilongjiang-2022)" "eligibility.profit error" "heilongjiang-2022: a 2020 loss counts"
pack forms/merged-no-iso.docx
is "$(rules caq-2023)" "eligibility.iso9001 error" "caq-2023 requires ISO 9001"
is "$(rules heilongjiang-2022)" "" "heilongjiang-2022 does not"
is "$(rules national-2022)" "" "national-2022 does not"
pack forms/below-declared-record.docx
for e in national-2020 national-2022 caq-2023 heilongjiang-2022 shandong-2022; do
  "$QB_BIN/qb-check" --edition $e --json "pk/$P.zip" >o.json
  is "$(jq -r '[.findings[] | select(.rule == "eligibility.record") | .severity] | join(" ")' o.json)" "error" \
     "$e: a declared bad record is an error"
done

pack forms/labels-debtor.docx   # 是否為失信被執行人：是
is "$(rules heilongjiang-2022)" "eligibility.record error" "heilongjiang-2022: a declared dishonest judgment debtor"
is "$(rules caq-2023)" "" "caq-2023 does not ask"
"$QB_BIN/qb-check" --edition heilongjiang-2022 --json "pk/$P.zip" >o.json
is "$(jq -r '.findings[] | select(.rule == "eligibility.record") | .message' o.json)" \
   "申报书中声明被列为失信被执行人（“是”），申报条件要求未被列为失信被执行人" "its message"

# With a deadline, the certificate must be in force on the deadline.
cat >deadline.ini <<'INI'
[edition]
base = caq-2023
name = caq-deadline
deadline = 2023-06-30
INI
form_with_expiry() { # EXPIRY → form.docx, a paragraph form made by mkzip
  "$QB_BIN/mkzip" --docx form.docx "质量标杆申报书" "申报单位名称：$P" "统一社会信用代码：91350100M000100Y43" \
    "法定代表人：王某某" "联系人：李某某" "联系电话：13812345678" "电子邮箱：zl@example.com" "通讯地址：某某路1号" \
    "遴选范围：（一）" "质量标杆名称：${P}实施六西格玛设计的经验" "ISO 9001 证书编号：00123Q45678R1M" \
    "ISO 9001 证书有效期：$1" "是否存在不良记录：否" \
    "|年度|营业收入（万元）|利润总额（万元）" "|2020|100|10" "|2021|100|10" "|2022|100|10"
}
form_with_expiry "2023年6月1日"; pack form.docx
"$QB_BIN/qb-check" --edition "$TMP/deadline.ini" --json "pk/$P.zip" >o.json
is "$(jq -r '[.findings[] | select(.severity != "info") | .message] | join("|")' o.json)" \
   "申报书中的 ISO 9001 认证证书有效期至 2023年6月1日，早于本次征集的申报截止日期（2023年6月30日），申报条件要求证书届时仍在有效期内" \
   "a deadline in the edition: a certificate expiring before it"
form_with_expiry "2023-07-31"; pack form.docx
is "$("$QB_BIN/qb-check" --edition "$TMP/deadline.ini" --json "pk/$P.zip" | jq -r '[.findings[] | select(.severity != "info") | .rule] | join(" ")')" \
   "" "in force on the deadline: no finding"
is "$(rules caq-2023)" "eligibility.iso9001 error" "without a deadline: in force until the end of the edition's year"

# A page of text where a value belongs: the message quotes its start only.
long=$(printf '电话待定%.0s' $(seq 1 500))
"$QB_BIN/mkzip" --docx form.docx "申报单位名称：$P" "联系电话：$long"
pack form.docx
"$QB_BIN/qb-check" --json "pk/$P.zip" >o.json
m=$(jq -r '.findings[] | select(.message | startswith("申报书中的联系电话")) | .message' o.json)
is "$m" "申报书中的联系电话“$(printf "电话待定%.0s" $(seq 1 10))…”不是电话号码，应为固定电话或手机号码" \
   "a 2000-character value is quoted by its first 40 characters and …"

# Forms that cannot be read: one finding each, and the rest of the check goes on.
pack forms/cells-scan.docx
"$QB_BIN/qb-check" --json "pk/$P.zip" >o.json
is "$(jq -r '[.findings[] | select(.file == "申报书.docx") | .rule] | join(" ")' o.json)" "form.field" \
   "a scan pasted as a picture: one finding"
is "$(jq -r '.counts.practice.count > 0' o.json)" "true" "and the write-up is still checked"
printf '%%PDF-1.4\n%%%%EOF\n' >form.pdf
"$QB_BIN/mkzip" "pk/$P.zip" "申报书.pdf=@form.pdf" "典型经验材料.docx=@compliant-direct.docx" "证明材料/目录.docx=@proof.docx"
"$QB_BIN/qb-check" --json "pk/$P.zip" >o.json
is "$(jq -r '[.findings[] | select((.file // "") | test("申报书")) | .rule] | join(" ")' o.json)" "package.not-word" \
   "a PDF form: one finding (not Word)"
is "$(jq -r 'has("application")' o.json)" "false" "and no application object"

# The outputs: the JSON application object, the text and HTML reports, the record, the dossier.
pack forms/merged-ok.docx
"$QB_BIN/qb-check" --json "pk/$P.zip" >o.json
is "$(jq -c '.application | [.applicant, .credit_code, .legal_representative, .contact, .phone, .email, .scope_written != null, .benchmark_name]' o.json)" \
   "[\"$P\",\"91350100M000100Y43\",\"王某某\",\"李某某\",\"0451-86123456\",\"zhiliang@example.com\",true,\"${P}实施六西格玛设计的经验\"]" \
   "application: the fields under stable keys"
is "$(jq -r '.application.scope' o.json)" "运用先进质量管理理念、方法、工具促进高质量发展的典型经验" \
   "application.scope: the notice's sentence matched to the edition's scope"
is "$(jq -c '[.application.years[] | [.year, .revenue, .profit, .unit]]' o.json)" \
   '[[2019,10230.5,856.3,"万元"],[2020,11020.8,901.2,"万元"],[2021,12345.6,1003.5,"万元"],[2022,13010.2,1120.9,"万元"]]' \
   "application.years: amounts written in 元 given in 万元"
is "$(jq -c '[.application.iso9001.number, .application.iso9001.expiry, .application.record_declaration.bad_record]' o.json)" \
   '["00123Q45678R1M","2026-05-31",false]' "application: the certificate and the declaration"
"$QB_BIN/qb-check" "pk/$P.zip" >o.txt
grep -q '^  遴选范围 *运用先进质量管理理念' o.txt; ok $? "the text report lists the form's facts"
grep -q '^  申报条件 *符合' o.txt; ok $? "with the eligibility verdict"
"$QB_BIN/qb-check" --html o.html "pk/$P.zip" >/dev/null
grep -q '<th>联系电话</th><td>0451-86123456</td>' o.html; ok $? "the HTML report lists them"
rm -rf w; "$QB_BIN/qb-check" --record r.xml --workdir w "pk/$P.zip" >/dev/null
is "$(grep -c '<field key=' r.xml)" 16 "the record holds the form's fields"
"$QB_BIN/qb-report" --format json r.xml >r.json
test_cmp o.json r.json "qb-report of the record gives the same JSON"
"$QB_BIN/qb-render" -o d.pdf r.xml 2>/dev/null
pdftotext d.pdf - 2>/dev/null | tr -d ' \n' >d.txt
grep -q '申报书要点申报单位名称' d.txt; ok $? "the dossier's form part opens with the key facts"
grep -q '申报条件符合' d.txt; ok $? "and the eligibility verdict"

# The blank form a secretariat hands out: every label is read.
"$QB_BIN/mkform" --blank blank.docx
pack blank.docx
rm -rf w; "$QB_BIN/qb-check" --record r.xml --workdir w "pk/$P.zip" >/dev/null
is "$(grep -c '<field key=' r.xml)" 16 "the blank form: every field's label is found"
is "$(grep -c '<year year=' r.xml)" 4 "and its four years"
# mkform is a front end like the others: usage on stdout for --help, exit 2 for bad usage.
mkdir cli && cd cli || exit 1
"$QB_BIN/mkform" --help >out 2>err
is "$?/$(head -c 13 out)/$(wc -c <err)" "0/usage: mkform/0" "mkform --help: the usage on stdout, exit 0"
"$QB_BIN/mkform" --zz-no-such-option a b >out 2>err
is "$?/$(wc -c <out)/$(grep -c -- '--zz-no-such-option' err)" "2/0/1" "mkform with an unknown option: the reason on stderr, exit 2"
is "$(ls | tr '\n' ' ')" "err out " "and no file named after an option"
done_testing
