# pkg/alloc: the lab 0x08 allocator (buddy blocks + slab classes over an
# arena that grows and shrinks at its top), freestanding. `make ALLOC=buddy`
# (pkg/lib/lib.mk) compiles ALLOC_SRCS into libysos.a as the user programs'
# malloc; the host tests below link the same sources with $(HOST_CFLAGS).
ALLOC_SRCS := $(sort $(wildcard pkg/alloc/src/*.c))
ALLOC_INCLUDE := -Ipkg/alloc/include

# The package is lab 0x08's (stage 8): absent from earlier stages' handouts.
LAB_FILES_8 += pkg/alloc/alloc.mk $(wildcard pkg/alloc/include/alloc/*.h pkg/alloc/src/*.[ch] \
	tests/alloc/*.[ch]) pkg/lib/src/allocator/buddy.c

# Each test also links tests/alloc/arena.c, the host arena behind the heap.
ALLOC_TESTS := test_alloc_trace test_alloc_api test_alloc_arena
TEST_LAB_8 += $(ALLOC_TESTS)
$(foreach t,$(ALLOC_TESTS),$(eval $(t)_SRCS := $(ALLOC_SRCS) tests/alloc/arena.c))
$(foreach t,$(ALLOC_TESTS),$(eval $(t)_CFLAGS := $(ALLOC_INCLUDE) -Itests/alloc))
