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

// func doiStartsAVX2(b []byte, from, lim int, out []int) (n, next int)
//
// Each block of 64 starting positions p is compared three times: b[p]
// with '1', b[p+1] with '0' and b[p+2] with '.'. The set bits of the three
// masks ANDed are the "10." of the block. The first two are stored without
// branches (a store past the count is overwritten later or ignored), which
// keeps the loop free of mispredicted branches when, as in prose, a block
// holds at most two. Then the positions stored are sifted (see the Go
// declaration), without branches on the text.
// CANDIDATES sets the bytes of R to 0xFF at the "10." among the 32
// positions from AX+p0 (p1 = p0+1, p2 = p0+2), using T and U.
#define CANDIDATES(p0, p1, p2, R, T, U) \
	VPCMPEQB p0(SI)(AX*1), Y1, R; \
	VPCMPEQB p1(SI)(AX*1), Y2, T; \
	VPCMPEQB p2(SI)(AX*1), Y3, U; \
	VPAND    T, R, R; \
	VPAND    U, R, R

TEXT ·doiStartsAVX2(SB), NOSPLIT, $0-80
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), BX
	MOVQ from+24(FP), AX // the start of the next block
	MOVQ lim+32(FP), R9
	MOVQ out_base+40(FP), DI
	MOVQ out_len+48(FP), R8
	XORQ CX, CX // positions stored
	SUBQ $71, BX // the last start of a block whose bytes and the eight after lie in b
	SUBQ $64, R9 // the last start of a block that ends by lim
	CMPQ R9, BX
	CMOVQLT R9, BX
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
	TZCNTQ    DX, R12
	ADDQ      AX, R12
	MOVQ      R12, (DI)(CX*8)
	BLSRQ     DX, DX
	TZCNTQ    DX, R12
	ADDQ      AX, R12
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
	ADDQ   AX, R12
	MOVQ   R12, (DI)(CX*8)
	INCQ   CX
	BLSRQ  DX, DX
	JNZ    more
	ADDQ   $64, AX
	JMP    loop

done:
	VZEROUPPER
	MOVQ AX, next+72(FP)

	// The sift: out[:CX] is read at R10 and written at R11. Every
	// position p stored has p+8 <= len(b).
	LEAQ ·doiRunByte(SB), R9
	LEAQ ·doiAfter4(SB), BX
	XORQ R10, R10
	XORQ R11, R11

sift:
	CMPQ    R10, CX
	JGE     sifted
	MOVQ    (DI)(R10*8), R12 // p
	INCQ    R10
	MOVQ    R12, (DI)(R11*8)
	CMPQ    R12, $3
	JLT     kept // too near the start to look 3 bytes back
	MOVL    3(SI)(R12*1), R13 // b[p+3:p+7]
	LEAL    0x46464646(R13), R14
	MOVL    R13, R15
	SUBL    $0x30303030, R15
	ORL     R14, R15
	ORL     R13, R15
	ANDL    $0x80808080, R15 // not all digits
	MOVBLZX 7(SI)(R12*1), R13
	MOVBLZX (BX)(R13*1), R14
	XORL    $1, R14 // or b[p+7] cannot follow them
	ORL     R14, R15
	MOVBLZX -1(SI)(R12*1), R13
	MOVBLZX (R9)(R13*1), R14 // b[p-1] is a digit or '.'
	XORL    R13, R13
	CMPB    -3(SI)(R12*1), $0x25
	SETNE   R13 // and does not end a percent escape
	ANDL    R13, R14
	ORL     R14, R15
	CMPL    R15, $1 // carry when 0: keep
	ADCQ    $0, R11
	JMP     sift

kept:
	INCQ R11
	JMP  sift

sifted:
	MOVQ R11, n+64(FP)
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
