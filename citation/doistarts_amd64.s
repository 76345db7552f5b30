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
// Each block of 64 starting positions p is compared three times: b[p]
// with '1', b[p+1] with '0' and b[p+2] with '.'. The set bits of the three
// masks ANDed are the "10." of the block. The first two are stored without
// branches (a store past the count is overwritten later or ignored), which
// keeps the loop free of mispredicted branches when, as in prose, a block
// holds at most two.
// CANDIDATES sets the bytes of R to 0xFF at the "10." among the 32
// positions from AX+p0 (p1 = p0+1, p2 = p0+2), using T and U.
#define CANDIDATES(p0, p1, p2, R, T, U) \
	VPCMPEQB p0(SI)(AX*1), Y1, R; \
	VPCMPEQB p1(SI)(AX*1), Y2, T; \
	VPCMPEQB p2(SI)(AX*1), Y3, U; \
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
	SUBQ $66, BX // the last start of a block whose bytes and the two after lie in b
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

loop:
	CMPQ AX, BX
	JGT  done
	CMPQ CX, R8
	JGT  done
	CANDIDATES(0, 1, 2, Y4, Y5, Y6)
	CANDIDATES(32, 33, 34, Y7, Y8, Y9)
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

// The tables of doiClass32. A byte's class bits are the AND of an entry
// for its low nibble and one for its high nibble, each bit standing for
// the bytes with some high nibbles and some low nibbles: bits 0 to 4 make
// up doiClassPlain ('@' to 'O' and '`' to 'o'; "$*+-/"; digits and '=';
// 'P' to 'Z', '^' and '_'; 'p' to 'z', '|' and '~'), bits 5 and 6
// doiClassTrail ('!' and '.'; ':' and ';'), and a byte with none is of
// class 0. VPSHUFB looks up each 128-bit lane on its own, so each table is
// written twice. TestDOIClass32 checks them against doiClass.
DATA doiNibLo<>+0x00(SB)/8, $0x1d1d1d1f1d1d3d1d
DATA doiNibLo<>+0x08(SB)/8, $0x0b390711435b1d1d
DATA doiNibLo<>+0x10(SB)/8, $0x1d1d1d1f1d1d3d1d
DATA doiNibLo<>+0x18(SB)/8, $0x0b390711435b1d1d
GLOBL doiNibLo<>(SB), RODATA|NOPTR, $32
DATA doiNibHi<>+0x00(SB)/8, $0x1001080144220000
DATA doiNibHi<>+0x08(SB)/8, $0x0000000000000000
DATA doiNibHi<>+0x10(SB)/8, $0x1001080144220000
DATA doiNibHi<>+0x18(SB)/8, $0x0000000000000000
GLOBL doiNibHi<>(SB), RODATA|NOPTR, $32
DATA doiNib0F<>+0x00(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA doiNib0F<>+0x08(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA doiNib0F<>+0x10(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA doiNib0F<>+0x18(SB)/8, $0x0f0f0f0f0f0f0f0f
GLOBL doiNib0F<>(SB), RODATA|NOPTR, $32
DATA doiNib1F<>+0x00(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA doiNib1F<>+0x08(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA doiNib1F<>+0x10(SB)/8, $0x1f1f1f1f1f1f1f1f
DATA doiNib1F<>+0x18(SB)/8, $0x1f1f1f1f1f1f1f1f
GLOBL doiNib1F<>(SB), RODATA|NOPTR, $32

// func doiClass32AVX2(p *byte) (plain, other uint32)
TEXT ·doiClass32AVX2(SB), NOSPLIT, $0-16
	MOVQ         p+0(FP), SI
	VMOVDQU      (SI), Y0
	VMOVDQU      doiNib0F<>(SB), Y6
	VPSRLW       $4, Y0, Y1
	VPAND        Y6, Y0, Y0 // low nibbles
	VPAND        Y6, Y1, Y1 // high nibbles
	VMOVDQU      doiNibLo<>(SB), Y2
	VPSHUFB      Y0, Y2, Y2
	VMOVDQU      doiNibHi<>(SB), Y3
	VPSHUFB      Y1, Y3, Y3
	VPAND        Y2, Y3, Y3 // class bits
	VPXOR        Y4, Y4, Y4
	VPCMPEQB     Y4, Y3, Y4 // class 0
	VPCMPGTB     doiNib1F<>(SB), Y3, Y5 // doiClassTrail: above 0x1f
	VPMOVMSKB    Y4, AX
	VPMOVMSKB    Y5, BX
	VZEROUPPER
	ORL          AX, BX
	NOTL         BX
	MOVL         BX, plain+8(FP)
	MOVL         AX, other+12(FP)
	RET
