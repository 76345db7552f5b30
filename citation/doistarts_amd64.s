//go:build !purego

#include "textflag.h"

// func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL eaxArg+0(FP), AX
	MOVL ecxArg+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func xgetbv() (eax uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-4
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	RET

// func doiStartsAVX2(b []byte, off int, out []int) (n, i int)
//
// Each block of 64 starting positions p is compared five times: b[p]
// with '1', b[p+1] with '0', b[p+2] with '.', and b[p+3] and b[p+6] with
// the digits (as signed bytes, b+0x50 < -118 for exactly '0' to '9'). The
// set bits of the five masks ANDed are the candidates of the block. The
// first two are stored without branches (a store past the count is
// overwritten later or ignored), which keeps the loop free of mispredicted
// branches when, as in prose, a block holds at most two.
// CANDIDATES sets the bytes of R to 0xFF at the candidates among the 32
// positions from AX+p0 (p1 = p0+1, ..., p6 = p0+6), using T and U.
#define CANDIDATES(p0, p1, p2, p3, p6, R, T, U) \
	VPCMPEQB p0(SI)(AX*1), Y1, R; \
	VPCMPEQB p1(SI)(AX*1), Y2, T; \
	VPCMPEQB p2(SI)(AX*1), Y3, U; \
	VPAND    T, R, R; \
	VPAND    U, R, R; \
	VPADDB   p3(SI)(AX*1), Y10, T; \
	VPADDB   p6(SI)(AX*1), Y10, U; \
	VPCMPGTB T, Y11, T; \
	VPCMPGTB U, Y11, U; \
	VPAND    T, R, R; \
	VPAND    U, R, R

TEXT ·doiStartsAVX2(SB), NOSPLIT, $0-72
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), BX
	MOVQ off+24(FP), R9
	MOVQ out_base+32(FP), DI
	MOVQ out_len+40(FP), R8
	XORQ AX, AX // the start of the next block
	XORQ CX, CX // positions stored
	SUBQ $70, BX // the last start of a block whose bytes and the six after lie in b
	SUBQ $24, R8 // doiBlockRoom: the most positions stored before a block
	MOVL $0x31, DX // '1'
	MOVQ DX, X1
	VPBROADCASTB X1, Y1
	MOVL $0x30, DX // '0'
	MOVQ DX, X2
	VPBROADCASTB X2, Y2
	MOVL $0x2e, DX // '.'
	MOVQ DX, X3
	VPBROADCASTB X3, Y3
	MOVL $0x50, DX // digits + 0x50 are the signed bytes below -118
	MOVQ DX, X10
	VPBROADCASTB X10, Y10
	MOVL $0x8a, DX // -118
	MOVQ DX, X11
	VPBROADCASTB X11, Y11

loop:
	CMPQ AX, BX
	JGT  done
	CMPQ CX, R8
	JGT  done
	CANDIDATES(0, 1, 2, 3, 6, Y4, Y5, Y6)
	CANDIDATES(32, 33, 34, 35, 38, Y7, Y8, Y9)
	VPMOVMSKB Y4, DX
	VPMOVMSKB Y7, R10
	SHLQ      $32, R10
	ORQ       R10, DX
	POPCNTQ   DX, R11
	LEAQ      (AX)(R9*1), R13 // the offset of the block
	TZCNTQ    DX, R12
	ADDQ      R13, R12
	MOVQ      R12, (DI)(CX*8)
	BLSRQ     DX, DX
	TZCNTQ    DX, R12
	ADDQ      R13, R12
	MOVQ      R12, 8(DI)(CX*8)
	CMPQ      R11, $2
	JGT       many
	ADDQ      R11, CX
	ADDQ      $64, AX
	JMP       loop

many:
	ADDQ  $2, CX
	BLSRQ DX, DX

more:
	TZCNTQ DX, R12
	ADDQ   R13, R12
	MOVQ   R12, (DI)(CX*8)
	INCQ   CX
	BLSRQ  DX, DX
	JNZ    more
	ADDQ   $64, AX
	JMP    loop

done:
	VZEROUPPER
	MOVQ CX, n+56(FP)
	MOVQ AX, i+64(FP)
	RET
