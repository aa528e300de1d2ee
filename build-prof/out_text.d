build-prof/out_text.o: src/out_text.c include/proxylint/output.h \
 include/proxylint/diag.h include/proxylint/rule.h \
 include/proxylint/zone.h include/proxylint/util.h \
 include/proxylint/banned.h
include/proxylint/output.h:
include/proxylint/diag.h:
include/proxylint/rule.h:
include/proxylint/zone.h:
include/proxylint/util.h:
include/proxylint/banned.h:
