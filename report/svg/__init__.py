"""The report's charts written as SVG directly: a document of rectangles, lines and text
(`writer`), the axes and legends they share (`axes`), bar charts (`bars`), heat maps (`heat`,
coloured with `cividis`). The week grid is drawn in `report/charts_week.py` from the same parts.
"""
