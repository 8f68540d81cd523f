#!/usr/bin/perl
# text-tokens.pl — the words of a text (pdftotext -raw's output), to compare what two PDFs of
# one document say whatever their layout: tests/t76-dossier-text-kept.t and mk/lo-tokens.sh.
#
#   text-tokens.pl [--hash] [TEXT]        "TOKEN<TAB>COUNT" lines, then "+<TAB>X<TAB>Y<TAB>XY"
#                                         for each line that ends in word X before a line that
#                                         starts with word Y; with --hash each token is the first
#                                         12 hex digits of its SHA-256 (so that a document's text
#                                         need not be kept to compare with it)
#   text-tokens.pl --missing WANT [--known FILE SHA] [TEXT]
#                                         for each token of WANT (a file of either kind) that TEXT
#                                         has fewer times: "TOKEN<TAB>WANT_COUNT<TAB>HAVE_COUNT"
#
# --known FILE SHA: WANT is LibreOffice's reading of the document whose SHA-256 is SHA, and FILE
# (tests/corpus/lo-known-differences) lists where LibreOffice misreads a document as
# "SHA<TAB>LIBREOFFICE'S TEXT<TAB>WORD'S TEXT<TAB>TIMES<TAB>WHY" lines (# comments). For each
# line of SHA whose Word reading TEXT has instead — LibreOffice's text nowhere at a line start in
# TEXT, Word's at a line start (not followed by more of a number) at least TIMES times — the
# tokens LibreOffice's text has beyond Word's are taken TIMES times out of WANT. Each line is
# reported on stderr as "known<TAB>held|not held<TAB>LIBREOFFICE'S<TAB>WORD'S<TAB>TEXT'S COUNTS";
# one not held leaves WANT as it is and makes the exit status 3.
# A LibreOffice text with a "|" is one word LibreOffice broke in two in a narrow table cell with
# other text between the pieces in its reading order (so no line break joins them): it is held
# when TEXT has Word's whole word at least TIMES times more than WANT has it; then WANT loses the
# two pieces TIMES times and TEXT that many of the whole word.
#
# A token is one Chinese character (or kana, hangul), or a run of other letters and digits (an
# English word, a number). Before that the text is folded as NFKC (full-width forms to ASCII)
# and lower-cased (a w:caps run is upper case in one reader and not in another); format
# characters (soft hyphens) are dropped. Punctuation, symbols and white space are not tokens, so
# a word broken at a hyphen is the same two tokens on one line or two. (Without -raw, pdftotext
# joins "Multi-" and "source" of two lines into "Multisource".)
# A word too long for a narrow table cell is broken without a hyphen, by each program in its own
# place ("Основно|й", "SF|10"), and a word with an optional hyphen (w:softHyphen) is broken at
# it with a hyphen drawn ("техни-|ческому"). So TEXT's words either side of each of its line
# breaks also count joined, and a word of WANT it lacks is there when WANT broke it at a line
# end (a "+" line) and TEXT has the joined word to spare.
use strict;
use warnings;
use Unicode::Normalize qw(NFKC);
use Digest::SHA qw(sha256_hex);

binmode STDOUT, ':encoding(UTF-8)';
my ($hash, $want, $known, $known_sha) = (0, undef, undef, undef);
while (@ARGV && $ARGV[0] =~ /^--/) {
  my $o = shift @ARGV;
  if ($o eq '--hash') { $hash = 1 }
  elsif ($o eq '--missing') { $want = shift @ARGV // die "text-tokens.pl: --missing needs a file\n" }
  elsif ($o eq '--known' && @ARGV >= 2) { ($known, $known_sha) = splice @ARGV, 0, 2 }
  else { die "usage: text-tokens.pl [--hash] [TEXT] | --missing WANT [--known FILE SHA] [TEXT]\n" }
}

my $cjk = qr/[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]/;
my $word = qr/(?:(?!$cjk)[\p{L}\p{N}\p{M}])+/;

# fold TEXT — as tokens are read: NFKC, lower case, no format characters
sub fold {
  my ($t) = @_;
  $t = lc NFKC($t);
  $t =~ s/\p{Cf}//g;                    # soft hyphens, zero-width spaces: inside a word
  return $t;
}

# tokens FOLDED_TEXT — (counts by token, [X, Y, XY] for each line break inside letters and digits)
sub tokens {
  my ($t) = @_;
  my (%n, @joins);
  $n{$1 // $2}++ while $t =~ /($cjk)|($word)/g;
  my @lines = split /[\n\f]/, $t;
  for my $i (1 .. $#lines) {
    next unless $lines[$i - 1] =~ /($word)-?$/;   # "техни-" of an optional hyphen too
    my $x = $1;
    next unless $lines[$i] =~ /^($word)/;
    push @joins, [$x, $1, "$x$1"];
  }
  return (\%n, \@joins);
}

sub h {
  my ($k) = @_;
  utf8::encode($k);
  return substr(sha256_hex($k), 0, 12);
}

sub open_in {
  my ($f) = @_;
  return \*STDIN unless defined $f && $f ne '-';
  open my $fh, '<:raw', $f or die "text-tokens.pl: $f: $!\n";
  return $fh;
}

my $text = do { local $/; my $fh = open_in($ARGV[0]); <$fh> // '' };
utf8::decode($text);
$text = fold($text);
my ($have, $joins) = tokens($text);
if (!defined $want) {
  my $k = $hash ? \&h : sub { $_[0] };
  my %out;
  $out{$k->($_)} += $have->{$_} for keys %$have;
  print "$_\t$out{$_}\n" for sort keys %out;
  print join("\t", '+', map { $k->($_) } @$_), "\n" for @$joins;
  exit 0;
}

# WANT's keys are hashes when every one is 12 hex digits; TEXT's tokens are compared alike.
open my $wf, '<:encoding(UTF-8)', $want or die "text-tokens.pl: $want: $!\n";
my (%w, @wj);
while (<$wf>) {
  chomp;
  my @f = split /\t/;
  if ($f[0] eq '+' && @f == 4) { push @wj, [@f[1 .. 3]] }
  elsif (@f == 2) { $w{$f[0]} += $f[1] }
}
my $hashed = %w && !grep { !/^[0-9a-f]{12}$/ } keys %w;
my $k = $hashed ? \&h : sub { $_[0] };
# the known misreadings of LibreOffice (--known): WANT without them where TEXT reads as Word does
my $status = 0;
my @broken;
if (defined $known) {
  open my $kf, '<:encoding(UTF-8)', $known or die "text-tokens.pl: $known: $!\n";
  binmode STDERR, ':encoding(UTF-8)';
  while (<$kf>) {
    chomp;
    next if /^\s*(#|$)/;
    my ($sha, $lo, $wtext, $times) = split /\t/;
    next unless defined $times && $sha eq $known_sha;
    if ($lo =~ /^($word)\|($word)$/) { # a broken word: weighed once TEXT's words are counted
      push @broken, [fold($1), fold($2), fold($wtext), $times, $lo, $wtext];
      next;
    }
    my ($flo, $fword) = (fold($lo), fold($wtext));
    my $n_lo = () = $text =~ /^\Q$flo\E(?!\.?\p{N})/mg;
    my $n_word = () = $text =~ /^\Q$fword\E(?!\.?\p{N})/mg;
    my $held = $n_lo == 0 && $n_word >= $times;
    print STDERR join("\t", 'known', $held ? 'held' : 'not held', $lo, $wtext,
                      "$lo $n_lo times, $wtext $n_word times (want 0 and >= $times)"), "\n";
    if (!$held) { $status = 3; next }
    my ($tl) = tokens($flo);
    my ($tw) = tokens($fword);
    for my $tok (keys %$tl) {
      my $extra = $tl->{$tok} - ($tw->{$tok} // 0);
      $w{$k->($tok)} -= $extra * $times if $extra > 0 && exists $w{$k->($tok)};
    }
  }
}

my %h;
$h{$k->($_)} += $have->{$_} for keys %$have;
$h{$k->($_->[2])}++ for @$joins;        # TEXT's own broken words, joined
for my $b (@broken) {                   # LibreOffice's words broken apart (--known, "|")
  my ($x, $y, $xy, $times, $lo, $wtext) = @$b;
  my ($kx, $ky, $kxy) = map { $k->($_) } $x, $y, $xy;
  my $spare = ($h{$kxy} // 0) - ($w{$kxy} // 0);
  my $held = $spare >= $times && ($w{$kx} // 0) >= $times && ($w{$ky} // 0) >= $times;
  print STDERR join("\t", 'known', $held ? 'held' : 'not held', $lo, $wtext,
                    "$wtext $spare to spare, its pieces " . ($w{$kx} // 0) . " and " . ($w{$ky} // 0)
                    . " times in LibreOffice's (want >= $times each)"), "\n";
  if (!$held) { $status = 3; next }
  $w{$kx} -= $times;
  $w{$ky} -= $times;
  $h{$kxy} -= $times;
}
for my $j (@wj) {                       # WANT's broken words, found joined in TEXT
  my ($x, $y, $xy) = @$j;
  next unless ($h{$x} // 0) < ($w{$x} // 0) || ($h{$y} // 0) < ($w{$y} // 0);
  next unless ($h{$xy} // 0) > ($w{$xy} // 0);
  $h{$xy}--;
  $w{$x}--;
  $w{$y}--;
}
for (sort { $w{$b} <=> $w{$a} || $a cmp $b } keys %w) {
  my $got = $h{$_} // 0;
  print "$_\t$w{$_}\t$got\n" if $got < $w{$_};
}
exit $status;
