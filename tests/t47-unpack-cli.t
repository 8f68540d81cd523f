#!/bin/sh
# qb-unpack's command line: usage errors and unusable work folders are exit 2 with one
# line on stderr; findings make exit 1; the manifest is written in the work folder and,
# with --json, on stdout; it works from any folder and writes nothing next to the input.
. "$(dirname "$0")/lib/tap.sh"
export LC_ALL=C.UTF-8
cd "$TMP" || exit 1
U="$QB_BIN/qb-unpack"

"$U" >/dev/null 2>err; is "$?" 2 "no arguments: exit 2"
grep -q '用法 usage' err; ok $? "and the usage on stderr"
"$U" --bogus a b >/dev/null 2>&1; is "$?" 2 "an unknown option: exit 2"
"$U" --lang fr a b >/dev/null 2>&1; is "$?" 2 "an unknown language: exit 2"
"$U" 无此文件.rar w >/dev/null 2>err; is "$?" 2 "a missing input: exit 2"
is "$(wc -l <err)" 1 "with one line on stderr"
grep -q '无此文件.rar' err; ok $? "that names the input"

mkdir in && "$QB_BIN/mkrar" "in/某某有限公司.rar" '申报书.docx=x' '../evil.txt=y'
mkdir full && echo x >full/old.txt
"$U" "in/某某有限公司.rar" full >/dev/null 2>err; is "$?" 2 "a work folder that is not empty: exit 2"
is "$(ls full)" old.txt "and it is left as it was"
"$U" --edition no-such-edition "in/某某有限公司.rar" w2 >/dev/null 2>err; is "$?" 2 "an unknown edition: exit 2"

mkdir -p elsewhere && cd elsewhere || exit 1
"$U" "../in/某某有限公司.rar" ../out/wd >stdout 2>err; rc=$?
cd .. || exit 1
is "$rc" 1 "run from another folder, a package with error-level findings: exit 1"
ok "$([ -f out/wd/manifest.json ] && echo 0 || echo 1)" "the work folder is created, the manifest in it"
grep -q '^错误 package.unsafe-entry: “../evil.txt”' elsewhere/stdout; ok $? "findings are printed in Chinese"
is "$(ls in)" "某某有限公司.rar" "nothing is written next to the input"
is "$(ls -A elsewhere | sort | tr '\n' ' ')" "err stdout " "nor in the current folder"

"$U" --json "in/某某有限公司.rar" w3 >json 2>err
is "$(jq -S . json | sha256sum)" "$(jq -S . w3/manifest.json | sha256sum)" "--json prints the manifest"
is "$(jq -r '.package + " " + .format + " " + .applicant + " " + (.members | length | tostring)' json)" \
   "某某有限公司.rar rar5 某某有限公司 2" "the manifest names the package, its format, the applicant, the members"
is "$(jq -r '.members[0] | .stored + " " + .role + " " + (.size | tostring) + " " + .sha256' json)" \
   "0001.docx form 1 $(printf x | sha256sum | cut -d' ' -f1)" "each member: stored file, role, size, SHA-256"
"$U" --lang en "in/某某有限公司.rar" w4 >en 2>err
grep -q '^error package.unsafe-entry: ../evil.txt: path contains' en; ok $? "--lang en prints English"

"$QB_BIN/mkzip" --docx ok.docx "摘要" "正文"
"$U" ok.docx w5 >o5 2>err; is "$?" 0 "a bare write-up with no package finding: exit 0"
is "$(cat o5)" "典型经验材料: ok.docx -> 0001.docx" "and the member chosen as the write-up is shown"
done_testing
