/*
 * passlist-t: the common-password list is sorted for bsearch(), holds
 * what it should in any case, and lets a strong passphrase through.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "passlist.h"
#include "qa.h"
#include "tap.h"

/* Whether every entry is lower case, 8+ bytes, and after the one before. */
static bool
well_formed(const char *const *w, size_t n)
{
	size_t		 i;
	const char	*p;

	for (i = 0; i < n; i++) {
		if (strlen(w[i]) < 8) {
			diag("\"%s\" is shorter than 8", w[i]);
			return false;
		}
		for (p = w[i]; *p != '\0'; p++)
			if (*p >= 'A' && *p <= 'Z') {
				diag("\"%s\" has upper case", w[i]);
				return false;
			}
		if (i > 0 && strcmp(w[i - 1], w[i]) >= 0) {
			diag("\"%s\" is not after \"%s\"", w[i], w[i - 1]);
			return false;
		}
	}
	return true;
}

int
main(void)
{
	static const char *const common[] = {
		"password", "12345678", "123456789", "qwertyuiop",
		"iloveyou", "sunshine1", "princess1", "football", "baseball",
		"welcome1", "letmein1", "passw0rd", "password1", "1q2w3e4r",
		"qwerty123", "11111111", "00000000", "abcd1234", "trustno1",
		"superman", "starwars",
	};
	const char *const	*w;
	size_t			 n, i, found = 0;

	plan(10);
	w = passlist_words(&n);
	ok(n >= 400, "at least 400 entries (%zu)", n);
	ok(well_formed(w, n), "lower case, 8+ bytes, strictly sorted");
	for (i = 0; i < nitems(common); i++)
		if (passlist_common(common[i]))
			found++;
		else
			diag("\"%s\" not found", common[i]);
	is_int(found, nitems(common), "the classics are all there");
	ok(passlist_common("PASSWORD"), "upper case matches");
	ok(passlist_common("PassW0rd"), "mixed case matches");
	ok(passlist_common("QwErTyUiOp"), "keyboard walk in mixed case");
	ok(!passlist_common("correct horse battery staple"),
	    "a strong passphrase is not common");
	ok(!passlist_common("password1x"), "no prefix matching");
	ok(!passlist_common(""), "empty string is not in the list");
	ok(passlist_common(w[0]) && passlist_common(w[n - 1]),
	    "first and last entries found");
	return done();
}
