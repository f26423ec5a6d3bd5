import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef } from 'react';
import { View } from '@tarojs/components';
import { drawSegment, looksSigned, type IPoint, type ISignaturePadHandle, type ISignaturePadProps } from './stroke';
import './index.scss';

export type { ISignaturePadHandle } from './stroke';

/**
 * H5 pad: Taro H5 does not hand out a Canvas 2D node (wechat.md §A9), so this is a plain DOM canvas driven by
 * pointer events (mouse, pen and touch alike). index.weapp.tsx is the WeChat one.
 */
const SignaturePad = forwardRef<ISignaturePadHandle, ISignaturePadProps>(function SignaturePad({ onChange }, ref) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const strokes = useRef<IPoint[][]>([]);
  const drawing = useRef(false);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  function context(): CanvasRenderingContext2D | null {
    return canvasRef.current?.getContext('2d') ?? null;
  }

  // Reads refs only, so one function for the whole life of the pad.
  const reset = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d') ?? null;
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const rect = canvas.getBoundingClientRect();
    canvas.width = Math.round(rect.width * dpr);
    canvas.height = Math.round(rect.height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    // White, not transparent: the stored PNG is what a printed ticket shows.
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, rect.width, rect.height);
    ctx.strokeStyle = '#111111';
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    strokes.current = [];
    onChangeRef.current?.(false);
  }, []);

  useEffect(() => {
    reset();
  }, [reset]);

  useImperativeHandle(ref, () => ({
    clear: reset,
    exportPng: () =>
      new Promise<string | null>((resolve) => {
        const canvas = canvasRef.current;
        if (!canvas || !looksSigned(strokes.current)) return resolve(null);
        canvas.toBlob((blob) => resolve(blob ? URL.createObjectURL(blob) : null), 'image/png');
      }),
  }));

  function point(e: React.PointerEvent<HTMLCanvasElement>): IPoint {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  }

  function down(e: React.PointerEvent<HTMLCanvasElement>) {
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drawing.current = true;
    strokes.current.push([point(e)]);
  }

  function move(e: React.PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    e.preventDefault();
    const stroke = strokes.current[strokes.current.length - 1];
    stroke.push(point(e));
    const ctx = context();
    if (ctx) drawSegment(ctx, stroke);
  }

  function up() {
    if (!drawing.current) return;
    drawing.current = false;
    onChangeRef.current?.(looksSigned(strokes.current));
  }

  return (
    <View className="sig-pad">
      <canvas
        ref={canvasRef}
        className="sig-pad__canvas"
        // The page must not scroll while signing on a phone.
        style={{ touchAction: 'none' }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onPointerLeave={up}
      />
    </View>
  );
});

export default SignaturePad;
