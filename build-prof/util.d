build-prof/util.o: src/util.c include/proxylint/util.h \
 include/proxylint/banned.h
include/proxylint/util.h:
include/proxylint/banned.h:
