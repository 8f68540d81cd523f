#!/usr/bin/perl
# summary-lines.pl — what a reader sees wrong in a dossier's check summary (the pages whose
# running header says 形式审查结果), from `pdftotext -bbox-layout` on stdin, where each table
# cell is a block of lines. One line per problem on stdout, nothing when all is well:
#   start PAGE TEXT   a line that starts with a closing mark (，。、；：？！）」』》”’…)
#   rule PAGE TEXT    a rule id (a cell that is one word.word) cut other than after . - _ /
#   gap PAGE TEXT     a gap of more than two line heights between words of a line (a run of
#                     spaces kept)
use strict;
use warnings;
use utf8;
binmode STDOUT, ':encoding(UTF-8)';
local $/;
my $in = <STDIN> // '';
utf8::decode($in);
my $page = 0;
for my $p (split /<page\b/, $in) {
  next unless $page++;
  next unless $p =~ /<word [^>]*yMin="([\d.]+)"[^>]*>形式审查结果</ && $1 < 70;
  for my $block ($p =~ m{<block\b[^>]*>(.*?)</block>}sg) {
    my @lines;
    for my $line ($block =~ m{<line\b[^>]*>(.*?)</line>}sg) {
      my @w;
      push @w, [$1, $2, $3, $4, $5]
        while $line =~ m{<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>}g;
      next unless @w;
      my $text = join ' ', map { $_->[4] } @w;
      for ($text) { s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'/g; s/&amp;/&/g }
      push @lines, $text;
      print "start ", $page - 1, " $text\n" if $text =~ /^[，。、；：？！）」』》”’…,.;:?!)\]%]/;
      for my $i (1 .. $#w) {
        my $h = $w[$i][3] - $w[$i][1];
        print "gap ", $page - 1, " $text\n" if $w[$i][0] - $w[$i - 1][2] > 2 * $h;
      }
    }
    my $all = join '', @lines;
    next unless @lines > 1 && $all =~ /^[a-z]+\.[a-z][a-z.-]*$/;
    for my $i (0 .. $#lines - 1) {
      print "rule ", $page - 1, " ", join('/', @lines), "\n" unless $lines[$i] =~ m{[.\-_/]$};
    }
  }
}
