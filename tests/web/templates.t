#!/bin/bash
# templates.t: rules every template must keep (DESIGN.md section 5,
# STYLE.md "HTML and templates"):
#   - the first line is {{%AUTOESCAPE context="HTML"}}, or for a template
#     that writes an XML document (it has the <?xml declaration: feeds,
#     sitemaps) {{%AUTOESCAPE context="XML"}}, which escapes every value
#     as XML text;
#   - :none only on variables whose name ends in _HTML;
#   - no inline script (a <script> without src), no style= or on*=
#     attributes and no <style> element: the CSP forbids them;
#   - each template parses (ctemplate-make_tpl_varnames_h -n);
#   - each template is installed and distributed (listed in Makefile.am).
. "$(dirname "$0")/lib.sh"

dir=$top_srcdir/templates
varnames=$(command -v ctemplate-make_tpl_varnames_h) ||
    bail "ctemplate-make_tpl_varnames_h not found" \
    "(apt-get install libctemplate-dev)"
set -- "$dir"/*.tpl
[ -e "$1" ] || bail "no templates in $dir"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fastqa-tpl.XXXXXX") || bail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT

for f in "$@"; do
	t=${f##*/}

	context=HTML
	grep -q '^<?xml ' "$f" && context=XML
	want="{{%AUTOESCAPE context=\"$context\"}}"
	is "$(head -n 1 "$f" | tr -d '\r')" "$want" \
	    "$t: first line is the AUTOESCAPE pragma ($context)"

	# Every {{NAME:modifiers}} marker: :none only on NAME_HTML.
	bad=$(grep -o '{{[^}]*}}' "$f" |
	    awk -F: '/^{{[>A-Za-z_]/ {
		m = $0; sub(/^{{>?/, "", m); sub(/}}$/, "", m)
		n = split(m, a, ":")
		for (i = 2; i <= n; i++)
			if (a[i] == "none" && a[1] !~ /_HTML$/) print $0
	    }')
	is "$bad" "" "$t: :none only on *_HTML variables"

	bad=$(grep -oi '<script[^>]*>' "$f" | grep -vi '[[:space:]]src=')
	is "$bad" "" "$t: no <script> without src"

	bad=$(grep -Eoi '<[a-z][^>]*[[:space:]](style|on[a-z]+)[[:space:]]*=[^>]*>' \
	    "$f")
	is "$bad" "" "$t: no inline style= or on*= attribute"

	bad=$(grep -Eoi '<style[[:space:]>]' "$f")
	is "$bad" "" "$t: no <style> element"

	# The name of one template relative to the template folder, as the
	# programs load it; the header goes to a scratch folder.
	out=$("$varnames" -q -n -t"$dir/" -o"$tmp" "$t" 2>&1)
	rc=$?
	ok $rc "$t: parses (ctemplate-make_tpl_varnames_h -n)" ||
	    diag "$out"

	grep -q "templates/$t\\b" "$top_srcdir/Makefile.am"
	ok $? "$t: listed in Makefile.am"
done

done_testing
