import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, View } from '@tarojs/components';
import { drawSegment, looksSigned, type IPoint, type ISignaturePadHandle, type ISignaturePadProps } from './stroke';
import './index.scss';

export type { ISignaturePadHandle } from './stroke';

const CANVAS_ID = 'sig-pad-canvas';

interface ICanvasNode {
  width: number;
  height: number;
  getContext: (kind: '2d') => CanvasRenderingContext2D;
}

/**
 * WeChat pad: Canvas type="2d" (wechat.md §A9). The node only exists once the page has rendered the canvas, and
 * this pad mounts after the ticket loads (after onReady), so the node is looked up with a few retries instead of useReady.
 */
const SignaturePad = forwardRef<ISignaturePadHandle, ISignaturePadProps>(function SignaturePad({ onChange }, ref) {
  const node = useRef<ICanvasNode | null>(null);
  const size = useRef({ width: 0, height: 0 });
  const strokes = useRef<IPoint[][]>([]);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  function paintBlank() {
    const canvas = node.current;
    if (!canvas) return;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, size.current.width, size.current.height);
    ctx.strokeStyle = '#111111';
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    strokes.current = [];
    onChangeRef.current?.(false);
  }

  useEffect(() => {
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const find = () => {
      Taro.createSelectorQuery()
        .select(`#${CANVAS_ID}`)
        .fields({ node: true, size: true })
        .exec((res: { node?: ICanvasNode; width: number; height: number }[]) => {
          const found = res?.[0];
          if (!found?.node) {
            if (++tries < 20) timer = setTimeout(find, 50);
            return;
          }
          const dpr = Taro.getWindowInfo().pixelRatio;
          found.node.width = found.width * dpr;
          found.node.height = found.height * dpr;
          found.node.getContext('2d').scale(dpr, dpr);
          node.current = found.node;
          size.current = { width: found.width, height: found.height };
          paintBlank();
        });
    };
    find();
    return () => clearTimeout(timer);
  }, []);

  useImperativeHandle(ref, () => ({
    clear: paintBlank,
    exportPng: async () => {
      if (!node.current || !looksSigned(strokes.current)) return null;
      const { width, height } = size.current;
      const res = await Taro.canvasToTempFilePath({
        canvas: node.current as unknown as Taro.Canvas,
        fileType: 'png',
        destWidth: width * 2,
        destHeight: height * 2,
      } as Taro.canvasToTempFilePath.Option);
      return res.tempFilePath;
    },
  }));

  // Canvas touches carry x/y relative to the canvas on weapp.
  const at = (e: { touches: unknown[] }): IPoint => {
    const t = e.touches[0] as { x: number; y: number };
    return { x: t.x, y: t.y };
  };

  return (
    <View className="sig-pad">
      <Canvas
        type="2d"
        id={CANVAS_ID}
        className="sig-pad__canvas"
        disableScroll
        onTouchStart={(e) => strokes.current.push([at(e)])}
        onTouchMove={(e) => {
          const stroke = strokes.current[strokes.current.length - 1];
          if (!stroke || !node.current) return;
          stroke.push(at(e));
          drawSegment(node.current.getContext('2d'), stroke);
        }}
        onTouchEnd={() => onChangeRef.current?.(looksSigned(strokes.current))}
      />
    </View>
  );
});

export default SignaturePad;
