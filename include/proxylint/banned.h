/* banned.h -- functions that have no place in this code base */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_BANNED_H
#define PROXYLINT_BANNED_H

/* Unbounded copies and hidden state: use the pl_buf and pl_x* helpers. */
#define BANNED(f) sorry_##f##_is_banned
#undef strcpy
#define strcpy(x, y)	BANNED(strcpy)
#undef strcat
#define strcat(x, y)	BANNED(strcat)
#undef sprintf
#define sprintf(...)	BANNED(sprintf)
#undef vsprintf
#define vsprintf(...)	BANNED(vsprintf)
#undef strtok
#define strtok(x, y)	BANNED(strtok)
#undef gets
#define gets(x)		BANNED(gets)
#undef atoi
#define atoi(x)		BANNED(atoi)

#endif
