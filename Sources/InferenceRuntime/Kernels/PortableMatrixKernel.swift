/// The portable single-precision GEMM: the same blocking and packed layouts as the AVX2 C
/// kernel, with a 6 × 16 micro-kernel written with Swift SIMD types (two 6 × 8 halves, so the
/// twelve accumulators fit the sixteen vector registers of SSE and NEON).
enum PortableMatrixKernel {
    static let tileRows = 6
    static let tileColumns = PackedMatrix.panelWidth
    static let depthBlock = 256
    static let rowBlock = 96

    /// Floats of workspace one `multiply` call needs.
    static var workspaceFloats: Int { rowBlock * depthBlock }

    /// C[i, j] (+)= Σₖ A[i, k]·B[k, j] (+ bias[j]) for the columns of `panels`; see
    /// `cik_sgemm_avx2` for the contract.
    static func multiply(
        rows m: Int, columns n: Int, depth k: Int,
        a: UnsafePointer<Float>, lda: Int,
        packedB: UnsafePointer<Float>, panels: Range<Int>,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        bias: UnsafePointer<Float>?, accumulate: Bool,
        workspace: UnsafeMutablePointer<Float>
    ) {
        guard m > 0, !panels.isEmpty else { return }
        if k == 0 {
            for i in 0..<m {
                for j in (panels.lowerBound * tileColumns)..<min(n, panels.upperBound * tileColumns) {
                    let value = bias?[j] ?? 0
                    c[i * ldc + j] = accumulate ? c[i * ldc + j] + value : value
                }
            }
            return
        }
        var tile = [Float](repeating: 0, count: tileRows * tileColumns)
        tile.withUnsafeMutableBufferPointer { tileBuffer in
            let tile = tileBuffer.baseAddress!
            var pc = 0
            while pc < k {
                let kc = min(depthBlock, k - pc)
                let first = pc == 0
                let addC = !first || accumulate
                var ic = 0
                while ic < m {
                    let mc = min(rowBlock, m - ic)
                    packA(a + ic * lda + pc, lda: lda, rows: mc, depth: kc, into: workspace)
                    for panel in panels {
                        let bPanel = packedB + panel * k * tileColumns + pc * tileColumns
                        let j = panel * tileColumns
                        let nr = min(tileColumns, n - j)
                        var ir = 0
                        while ir < mc {
                            let mr = min(tileRows, mc - ir)
                            microKernel(depth: kc, a: workspace + ir * kc, b: bPanel, tile: tile)
                            let cTile = c + (ic + ir) * ldc + j
                            for row in 0..<mr {
                                let cRow = cTile + row * ldc
                                for column in 0..<nr {
                                    var value = tile[row * tileColumns + column]
                                    if first, let bias { value += bias[j + column] }
                                    cRow[column] = addC ? cRow[column] + value : value
                                }
                            }
                            ir += tileRows
                        }
                    }
                    ic += rowBlock
                }
                pc += depthBlock
            }
        }
    }

    /// Packs `rows` × `depth` of A into micro-panels of `tileRows` rows (zero-padded).
    private static func packA(
        _ a: UnsafePointer<Float>, lda: Int, rows: Int, depth: Int,
        into destination: UnsafeMutablePointer<Float>
    ) {
        var panelStart = 0
        var output = destination
        while panelStart < rows {
            let mr = min(tileRows, rows - panelStart)
            for p in 0..<depth {
                for i in 0..<tileRows {
                    output[p * tileRows + i] = i < mr ? a[(panelStart + i) * lda + p] : 0
                }
            }
            output += depth * tileRows
            panelStart += tileRows
        }
    }

    /// tile (6 × 16) = A micro-panel (depth × 6) · B micro-panel (depth × 16).
    @inline(__always)
    private static func microKernel(
        depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        tile: UnsafeMutablePointer<Float>
    ) {
        for half in 0..<2 {
            var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>()
            var c3 = SIMD8<Float>(), c4 = SIMD8<Float>(), c5 = SIMD8<Float>()
            var ap = a
            var bp = UnsafeRawPointer(b + half * 8)
            for _ in 0..<depth {
                let bv = bp.loadUnaligned(as: SIMD8<Float>.self)
                c0 += SIMD8(repeating: ap[0]) * bv
                c1 += SIMD8(repeating: ap[1]) * bv
                c2 += SIMD8(repeating: ap[2]) * bv
                c3 += SIMD8(repeating: ap[3]) * bv
                c4 += SIMD8(repeating: ap[4]) * bv
                c5 += SIMD8(repeating: ap[5]) * bv
                ap += tileRows
                bp += tileColumns * MemoryLayout<Float>.stride
            }
            let out = UnsafeMutableRawPointer(tile + half * 8)
            let rowBytes = tileColumns * MemoryLayout<Float>.stride
            out.storeBytes(of: c0, as: SIMD8<Float>.self)
            (out + rowBytes).storeBytes(of: c1, as: SIMD8<Float>.self)
            (out + 2 * rowBytes).storeBytes(of: c2, as: SIMD8<Float>.self)
            (out + 3 * rowBytes).storeBytes(of: c3, as: SIMD8<Float>.self)
            (out + 4 * rowBytes).storeBytes(of: c4, as: SIMD8<Float>.self)
            (out + 5 * rowBytes).storeBytes(of: c5, as: SIMD8<Float>.self)
        }
    }
}
