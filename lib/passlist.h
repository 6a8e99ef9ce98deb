/*
 * passlist.h: the most common passwords, refused at registration and on
 * a password change.
 */
#ifndef PASSLIST_H
#define PASSLIST_H

#include <stdbool.h>
#include <stddef.h>

bool		 passlist_common(const char *pw);
const char *const *passlist_words(size_t *n);

#endif /* !PASSLIST_H */
